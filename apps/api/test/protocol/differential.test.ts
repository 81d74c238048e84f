import { afterAll, expect, test } from 'vitest';
import { connectHttp } from '../harness.ts';
import { serverForFile, uniqueName } from '../helpers.ts';
import { transcript, type SocketTranscript } from './normalise.ts';
import { startReferenceAdapter } from './reference-adapter.ts';
import { isRecord, wire, WireClient, type Frame, type OpenOptions } from './wire-client.ts';

/*
 * Our WebSocket server (src/ws/trpc-socket-server.ts) writes tRPC's wire protocol by hand. Each
 * scenario below is one session of raw frames, played once against tRPC's own adapter
 * (applyWSSHandler, same router, same context, same running app) and once against ours; the
 * frames each sent back must be the same once normalise.ts has taken out what legitimately
 * differs. A transformer, a tRPC upgrade or an edit of our frames that changes what a client
 * receives fails here.
 */

const { server, users } = await serverForFile(['ada', 'bo']);
const reference = await startReferenceAdapter(server.app);
afterAll(() => reference.close());

const { ada, bo } = users;
const signedIn = (member: { token: string }): OpenOptions => ({ connectionParams: { token: member.token } });

interface Run {
  /** This run's own text, for what must be unique (room names, clientMsgIds). */
  tag: string;
  open(name: string, opts?: OpenOptions): Promise<WireClient>;
}

type Transcript = Record<string, SocketTranscript>;

/** Plays `scenario` against tRPC's adapter, then ours; expects the same frames; returns them. */
async function onBoth(scenario: (run: Run) => Promise<void>): Promise<Transcript> {
  const runs: Transcript[] = [];
  for (const [side, wsUrl] of [
    ['trpc', reference.wsUrl],
    ['ours', server.wsUrl],
  ] as const) {
    const tag = uniqueName(side);
    const sockets: Record<string, WireClient> = {};
    try {
      await scenario({ tag, open: async (name, opts) => (sockets[name] = await WireClient.open(wsUrl, opts)) });
      runs.push(transcript(sockets, tag));
    } finally {
      await Promise.all(Object.values(sockets).map((socket) => socket.close()));
    }
  }
  const [trpc, ours] = runs as [Transcript, Transcript];
  expect(ours).toEqual(trpc);
  return trpc;
}

/** `result.data` of a frame that answered a call. */
function dataOf(frame: Frame): Record<string, unknown> {
  if (!isRecord(frame) || !isRecord(frame.result) || !isRecord(frame.result.data)) throw new Error(`no result data in ${JSON.stringify(frame)}`);
  return frame.result.data;
}

async function call(socket: WireClient, message: { id: number }): Promise<Record<string, unknown>> {
  socket.send(message);
  const [answer] = await socket.waitFor(message.id);
  return dataOf(answer);
}

const onEvent = 'message.onEvent';

test('signing in: connectionParams as our clients send them, a bearer header, signed out, a bad token, malformed params', async () => {
  const t = await onBoth(async (run) => {
    const params = await run.open('params', signedIn(ada));
    params.send(wire.query(1, 'auth.me'));
    params.sendText('PING');
    await params.waitFor(1);
    await params.until(() => params.frames.includes('PONG'), 'PONG');

    // No connectionParams: a program outside the browser may send the token on the upgrade (context.ts reads both).
    const header = await run.open('header', { headers: { authorization: `Bearer ${ada.token}` } });
    header.send(wire.query(1, 'auth.me'));
    await header.waitFor(1);

    const signedOut = await run.open('signedOut', { connectionParams: null });
    signedOut.send(wire.query(1, 'auth.me'), wire.query(2, 'room.list'));
    await signedOut.waitFor(1);
    await signedOut.waitFor(2);

    const badToken = await run.open('badToken', { connectionParams: { token: 'no-such-token' } });
    badToken.send(wire.subscription(1, { path: onEvent, input: { roomId: '1' } }));
    await badToken.waitFor(1);

    const malformed = await run.open('malformed', { rawParamsMessage: '{"method":"connectionParams","data":' });
    await malformed.whenClosed();
    // connectionParams values must be strings; tRPC's parser refuses anything else.
    const notStrings = await run.open('notStrings', { connectionParams: { token: 42 } });
    await notStrings.whenClosed();
  });
  const me = { id: 1, result: { type: 'data', data: ada.user } };
  expect(t.params).toEqual({ calls: { 1: [me], 'keep-alive': ['PONG'] }, closed: null });
  expect(t.header).toEqual({ calls: { 1: [me] }, closed: null });
  expect(t.signedOut?.calls[1]).toEqual([{ id: 1, result: { type: 'data', data: null } }]);
  expect(t.signedOut?.calls[2]).toMatchObject([{ id: 2, error: { message: 'sign in first', data: { code: 'UNAUTHORIZED', path: 'room.list' } } }]);
  expect(t.badToken?.calls[1]).toMatchObject([{ id: 1, error: { data: { code: 'UNAUTHORIZED', path: onEvent } } }]);
  expect(t.malformed).toMatchObject({ calls: { null: [{ id: null, error: { message: 'Malformed TRPCConnectionParamsMessage', data: { code: 'PARSE_ERROR' } } }] } });
  expect(t.notStrings).toMatchObject({ calls: { null: [{ id: null, error: { data: { code: 'PARSE_ERROR' } } }] } });
});

test('queries, mutations, and a batch of several calls in one frame', async () => {
  const t = await onBoth(async (run) => {
    const socket = await run.open('ada', signedIn(ada));
    const room = await call(socket, wire.mutation(1, 'room.create', { name: `calls ${run.tag}`, topic: 'protocol' }));
    const message = await call(socket, wire.mutation(2, 'message.send', { roomId: room.id, body: 'hello', clientMsgId: `${run.tag}-1` }));
    await call(socket, wire.mutation(3, 'message.edit', { messageId: message.id, body: 'hello, again' }));
    // Asked in one tick, so wsLink sends them as one frame (an array).
    socket.send(
      wire.query(4, 'auth.me'),
      wire.query(5, 'message.history', { roomId: room.id }),
      wire.query(6, 'room.members', { roomId: room.id }),
      wire.mutation(7, 'message.markRead', { roomId: room.id, messageId: message.id }),
    );
    for (const id of [4, 5, 6, 7]) await socket.waitFor(id);
    await socket.settle();
  });
  const { calls } = t.ada as SocketTranscript;
  expect(Object.keys(calls)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  expect(calls[3]).toMatchObject([{ id: 3, result: { type: 'data', data: { id: '<message 1>', body: 'hello, again', editedAt: '<time>', seq: 1 } } }]);
  expect(calls[5]).toMatchObject([{ id: 5, result: { type: 'data', data: { messages: [{ id: '<message 1>', roomId: '<room 1>' }] } } }]);
  expect(calls[6]).toEqual([{ id: 6, result: { type: 'data', data: [{ user: ada.user, online: true, role: 'owner' }] } }]);
  // A mutation that returns nothing: `data` is left out of the frame (undefined in JSON).
  expect(calls[7]).toEqual([{ id: 7, result: { type: 'data' } }]);
});

/** A room of the run's own, so that event ids (the room's sequence numbers) are the same on both runs. */
async function roomWithMessages({ tag }: Pick<Run, 'tag'>, socket: WireClient, count: number, firstCallId = 100): Promise<string> {
  const room = await call(socket, wire.mutation(firstCallId, 'room.create', { name: `room ${tag}` }));
  for (let i = 1; i <= count; i++) await send({ tag }, socket, firstCallId + i, String(room.id), `m${i}`);
  return String(room.id);
}

const send = ({ tag }: Pick<Run, 'tag'>, socket: WireClient, id: number, roomId: string, body: string) =>
  call(socket, wire.mutation(id, 'message.send', { roomId, body, clientMsgId: `${tag}-${body}` }));

test('subscriptions: started, tracked events replayed after a lastEventId then live, the resubscription form, subscription.stop', async () => {
  const t = await onBoth(async (run) => {
    const socket = await run.open('ada', signedIn(ada));
    const roomId = await roomWithMessages(run, socket, 3);
    socket.send(wire.subscription(1, { path: onEvent, input: { roomId, lastEventId: '1' } }));
    await socket.waitFor(1, 3);
    await send(run, socket, 2, roomId, 'm4');
    await socket.waitFor(1, 4);

    // What wsLink sends to resubscribe: the original input, and the last event id it saw in params.
    const resumed = await run.open('resumed', signedIn(ada));
    resumed.send(wire.subscription(1, { path: onEvent, input: { roomId, lastEventId: '1' }, lastEventId: '3' }));
    await resumed.waitFor(1, 2);

    // An async generator (not a PushSubscription) with untracked data.
    socket.send(wire.subscription(3, { path: 'user.onEvent' }));
    await socket.waitFor(3);
    await call(socket, wire.mutation(4, 'room.create', { name: `second ${run.tag}` }));
    await socket.waitFor(3, 2);

    socket.send(wire.stop(1), wire.stop(3));
    await send(run, socket, 5, roomId, 'm5');
    await socket.waitFor(1, 5);
    await socket.waitFor(3, 3);
    // The stopped subscription got no more events; the other socket's still does.
    await resumed.waitFor(1, 3);
    await socket.settle();
  });
  const event = (id: number, n: number) => ({
    id,
    result: { type: 'data', id: String(n), data: { id: String(n), data: { type: 'created', message: expect.objectContaining({ seq: n, body: `m${n}` }) } } },
  });
  const started = (id: number) => ({ id, result: { type: 'started' } });
  const stopped = (id: number) => ({ id, result: { type: 'stopped' } });
  expect(t.ada?.calls[1]).toEqual([started(1), event(1, 2), event(1, 3), event(1, 4), stopped(1)]);
  expect(t.ada?.calls[3]).toEqual([started(3), { id: 3, result: { type: 'data', data: { type: 'rooms-changed' } } }, stopped(3)]);
  expect(t.resumed?.calls[1]).toEqual([started(1), event(1, 4), event(1, 5)]);
});

test('errors: bad input, unknown procedures, wrong method, a lastEventId from the future, frames that are not calls, forbidden, a session ended', async () => {
  const password = 'correct horse battery';
  const t = await onBoth(async (run) => {
    const socket = await run.open('ada', signedIn(ada));
    const roomId = await roomWithMessages(run, socket, 1);
    socket.send(
      wire.mutation(1, 'message.send', { roomId, body: 'x', clientMsgId: '' }),
      wire.query(2, 'message.history', { roomId: 'not-an-id' }),
      wire.query(3, 'no.such.procedure'),
      wire.subscription(4, { path: 'no.such.subscription' }),
      wire.mutation(5, 'auth.me'),
      wire.subscription(6, { path: onEvent, input: { roomId, lastEventId: '99' } }),
      wire.stop(42),
    );
    for (const id of [1, 2, 3, 4, 5]) await socket.waitFor(id);
    await socket.waitFor(6, 2);
    socket.sendText('{not json');
    socket.send({ id: null, method: 'query', params: { path: 'auth.me' } });
    await socket.waitFor(null, 2);

    const secret = await call(socket, wire.mutation(7, 'room.create', { name: `private ${run.tag}`, kind: 'private' }));
    const outsider = await run.open('bo', signedIn(bo));
    outsider.send(wire.subscription(1, { path: onEvent, input: { roomId: secret.id } }));
    await outsider.waitFor(1);

    // A second session of ada's, ended by its own logout while it follows the room.
    const { token } = await connectHttp(server).auth.login.mutate({ username: ada.user.username, password });
    const ending = await run.open('ending', { connectionParams: { token } });
    ending.send(wire.subscription(1, { path: 'user.onEvent' }), wire.subscription(2, { path: onEvent, input: { roomId } }));
    await ending.waitFor(1);
    await ending.waitFor(2);
    ending.send(wire.mutation(3, 'auth.logout'));
    await ending.waitFor(3);
    ending.send(wire.query(4, 'auth.me'), wire.query(5, 'room.list'));
    await ending.waitFor(5);
    await ending.settle();
    await socket.settle();
  });
  const error = (id: number | null, code: string, message: string | RegExp, path?: string) =>
    expect.objectContaining({ id, error: expect.objectContaining({ message: typeof message === 'string' ? message : expect.stringMatching(message), data: expect.objectContaining({ code, ...(path && { path }) }) }) });
  const started = { result: { type: 'started' } };
  expect(t.ada?.calls).toMatchObject({
    1: [error(1, 'BAD_REQUEST', /^clientMsgId: /, 'message.send')],
    2: [error(2, 'BAD_REQUEST', 'roomId: must be an id', 'message.history')],
    3: [error(3, 'NOT_FOUND', 'No "query"-procedure on path "no.such.procedure"', 'no.such.procedure')],
    4: [error(4, 'NOT_FOUND', 'No "subscription"-procedure on path "no.such.subscription"')],
    5: [error(5, 'NOT_FOUND', 'No "mutation"-procedure on path "auth.me"')],
    // Refused after `started`: the room is only read once the stream runs.
    6: [started, error(6, 'BAD_REQUEST', /^lastEventId: /, 'message.onEvent')],
    null: [error(null, 'PARSE_ERROR', /JSON/), error(null, 'PARSE_ERROR', '`id` is required')],
  });
  expect(t.ada?.calls[1]?.[0]).toMatchObject({ error: { code: -32600, data: { httpStatus: 400, field: 'clientMsgId' } } });
  // The stop of an id that was never subscribed is answered by nothing.
  expect(t.ada?.calls[42]).toBeUndefined();
  expect(t.bo?.calls[1]).toEqual([error(1, 'FORBIDDEN', 'you are not a member of this room', 'message.onEvent')]);
  expect(t.ending?.calls).toMatchObject({
    1: [started, error(1, 'UNAUTHORIZED', 'the session has ended', 'user.onEvent')],
    2: [started, error(2, 'UNAUTHORIZED', 'the session has ended', onEvent)],
    4: [{ result: { type: 'data', data: null } }],
    5: [error(5, 'UNAUTHORIZED', 'sign in first', 'room.list')],
  });
});

test('reconnect: a new socket resubscribing with the last event id gets exactly the events it missed, then live ones', async () => {
  const t = await onBoth(async (run) => {
    const first = await run.open('first', signedIn(ada));
    const roomId = await roomWithMessages(run, first, 1);
    const subscribe = wire.subscription(1, { path: onEvent, input: { roomId, lastEventId: null } });
    first.send(subscribe);
    await first.waitFor(1);
    await send(run, first, 2, roomId, 'm2');
    await first.waitFor(1, 2);
    await first.close();

    const writer = await run.open('writer', signedIn(ada));
    await send(run, writer, 1, roomId, 'm3');
    await send(run, writer, 2, roomId, 'm4');

    const second = await run.open('second', signedIn(ada));
    second.send({ ...subscribe, params: { ...subscribe.params, lastEventId: '2' } });
    await second.waitFor(1, 3);
    await send(run, writer, 3, roomId, 'm5');
    await second.waitFor(1, 4);
    await second.settle();
  });
  const eventIds = (frames: Frame[] | undefined) => frames?.map((frame) => (isRecord(frame) && isRecord(frame.result) ? (frame.result.id ?? frame.result.type) : frame));
  expect(eventIds(t.first?.calls[1])).toEqual(['started', '2']);
  expect(t.first?.closed).toBe(1005);
  // Exactly the two it missed, then the live one; nothing twice, nothing after.
  expect(eventIds(t.second?.calls[1])).toEqual(['started', '3', '4', '5']);
  expect(t.second?.calls[1]?.[1]).toMatchObject({ result: { data: { id: '3', data: { type: 'created', message: { seq: 3, body: 'm3' } } } } });
});

/*
 * Where the two servers really differ, each side is pinned frame by frame, unnormalised: a
 * change on either side (a fix, a tRPC upgrade) shows up here and should be judged, not hidden.
 */
test('where they differ: no stopped after an error from ours, and our limits; a stop is answered at once by both', async () => {
  const frames: Record<string, Record<string, Frame[]>> = {};
  for (const [side, wsUrl] of [
    ['trpc', reference.wsUrl],
    ['ours', server.wsUrl],
  ] as const) {
    const run = { tag: uniqueName(side) };
    const socket = await WireClient.open(wsUrl, signedIn(ada));
    const roomId = await roomWithMessages(run, socket, 1);

    socket.send(wire.subscription(1, { path: onEvent, input: { roomId } }));
    await socket.waitFor(1);
    socket.send(wire.stop(1));
    await socket.settle(300);
    const afterStop = socket.framesOf(1);
    await send(run, socket, 2, roomId, 'm2');
    await socket.settle();

    socket.send(wire.subscription(3, { path: onEvent, input: { roomId, lastEventId: '99' } }));
    await socket.waitFor(3, 2);
    // Two subscriptions to one room on one socket.
    socket.send(wire.subscription(4, { path: onEvent, input: { roomId } }), wire.subscription(5, { path: onEvent, input: { roomId } }));
    await socket.waitFor(5);
    await socket.settle();

    const tooMany = server.app.config.limits.wsMaxCallsPerFrame + 1;
    socket.send(...Array.from({ length: tooMany }, (_, i) => wire.query(1000 + i, 'auth.me')));
    await socket.until(() => socket.closeCode !== null || socket.framesOf(1000 + tooMany - 1).length > 0, 'the over-long frame handled');
    frames[side] = {
      afterStop,
      stop: socket.framesOf(1),
      error: socket.framesOf(3),
      secondInRoom: socket.framesOf(5),
      overLongFrame: socket.frames.filter((f) => isRecord(f) && Number(f.id) >= 1000),
      closed: [socket.closeCode],
    };
    await socket.close();
  }
  const { trpc, ours } = frames as Record<'trpc' | 'ours', Record<string, Frame[]>>;
  const started = (id: number) => ({ id, result: { type: 'started' } });
  const stopped = (id: number) => ({ id, result: { type: 'stopped' } });

  // Before the room's next event: tRPC's adapter, which iterates the stream, ends it through the
  // procedure's signal (push-subscription.ts); it used to answer only when the room's next event came.
  expect(trpc.afterStop).toEqual([started(1), stopped(1)]);
  expect(ours.afterStop).toEqual([started(1), stopped(1)]);
  expect(trpc.stop).toEqual([started(1), stopped(1)]);
  expect(ours.stop).toEqual([started(1), stopped(1)]);

  // After the error of a started subscription tRPC's adapter also sends `stopped`; wsLink has
  // ended the call at the error, so only a raw client can tell.
  const futureError = { id: 3, error: expect.objectContaining({ data: expect.objectContaining({ code: 'BAD_REQUEST' }) }) };
  expect(trpc.error).toEqual([started(3), futureError, stopped(3)]);
  expect(ours.error).toEqual([started(3), futureError]);

  // Ours on purpose (socket-endpoint.ts): one subscription per procedure and room on a socket,
  // and a bound on calls per frame, past which the socket is closed (1008) with none run.
  expect(trpc.secondInRoom).toEqual([started(5)]);
  expect(ours.secondInRoom).toMatchObject([{ id: 5, error: { message: `${onEvent}: this connection already follows that (one subscription per procedure and room)` } }]);
  expect(trpc.overLongFrame).toHaveLength(server.app.config.limits.wsMaxCallsPerFrame + 1);
  expect(ours.overLongFrame).toEqual([]);
  expect(ours.closed).toEqual([1008]);
});
