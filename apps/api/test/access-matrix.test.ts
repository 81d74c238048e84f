import { getUntypedClient, TRPCClientError } from '@trpc/client';
import type { AnyProcedure, TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { Message, RoomEvent, User } from '@chat/api-types';
import type { RouterInputs } from '../src/router.ts';
import { describe, expect, onTestFinished, test } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../src/router.ts';
import { connectHttp, connectWs, signUp, type Client } from './harness.ts';
import { codeOf, serverForFile, uniqueName } from './helpers.ts';

/*
 * Who may call what: every procedure of the router, called by each role against a room that
 * was set up for that one call. A procedure added to the router without a row here fails this
 * file, and so does a row whose procedure is gone.
 *
 * The roles, in a fresh room each time:
 *   anonymous      no token at all
 *   outsider       signed in, never a member
 *   member         a member who did not write the message acted on
 *   author         a member who wrote it
 *   former member  wrote a message of their own there, then left (room.leave); edit and delete
 *                  act on that message of theirs
 *   admin          a member the owner made an admin of the room
 *   owner          the member who created the room
 *
 * The server's first account (its admin, who may look after every room) is none of them: it
 * has tests of its own (admin.test.ts).
 */

const ROLES = ['anonymous', 'outsider', 'member', 'author', 'former', 'admin', 'owner'] as const;
type Role = (typeof ROLES)[number];
const LABEL: Record<Role, string> = {
  anonymous: 'anonymous',
  outsider: 'outsider',
  member: 'member',
  author: 'author',
  former: 'former member',
  admin: 'admin',
  owner: 'owner',
};

/** 'ok', an error code, or the codes of which any one is right. */
type Expected = 'ok' | TRPC_ERROR_CODE_KEY | readonly TRPC_ERROR_CODE_KEY[];
type Row = readonly [anonymous: Expected, outsider: Expected, member: Expected, author: Expected, former: Expected, admin: Expected, owner: Expected];

type Path = { [N in keyof RouterInputs & string]: `${N}.${keyof RouterInputs[N] & string}` }[keyof RouterInputs & string];
type InputOf<P extends Path> = P extends `${infer N extends keyof RouterInputs}.${infer M}`
  ? M extends keyof RouterInputs[N]
    ? RouterInputs[N][M]
    : never
  : never;

const OK = 'ok';
const UNAUTHORIZED = 'UNAUTHORIZED';
const FORBIDDEN = 'FORBIDDEN';
const BAD_REQUEST = 'BAD_REQUEST';
const NOT_FOUND = 'NOT_FOUND';
/** Someone who may not read a private or direct room may also be told it does not exist. */
const DENIED = ['FORBIDDEN', 'NOT_FOUND'] as const;

// A private room. For subscriptions 'ok' means the subscription starts (message.onEvent from
// '0' also delivers the room's messages); an error means it is refused before any data.
const PRIVATE_ROOM: { [P in Path]: Row } = {
  //                          anonymous     outsider   member     author     former     admin      owner
  'auth.register':           [OK,           OK,        OK,        OK,        OK,        OK,        OK],
  'auth.login':              [OK,           OK,        OK,        OK,        OK,        OK,        OK],
  'auth.me':                 [OK,           OK,        OK,        OK,        OK,        OK,        OK],
  'auth.account':            [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'auth.logout':             [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'auth.sessions':           [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  // Only one's own sessions: someone else's is as unknown as one that never was.
  'auth.revoke':             [UNAUTHORIZED, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  'auth.logoutOthers':       [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'auth.changePassword':     [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'user.updateProfile':      [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'user.search':             [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'user.onEvent':            [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  // Every signed-in user sees every user, and sets only their own status and picture.
  'user.profiles':           [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'user.setStatus':          [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'user.setAvatar':          [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'room.list':               [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'room.create':             [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'dm.open':                 [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  // Only an invitation lets anyone in, and leaving ends the invitation.
  'room.join':               [UNAUTHORIZED, FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        OK],
  // Not being a member afterwards is all a leave asks for, so it holds for non-members too.
  'room.leave':              [UNAUTHORIZED, OK,        OK,        OK,        OK,        OK,        OK],
  'room.invite':             [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'room.members':            [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'room.onTyping':           [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'room.onPresence':         [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'room.onReads':            [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  // What notifies me is kept with my membership, in every room I am in.
  'room.setNotificationLevel': [UNAUTHORIZED, DENIED,  OK,        OK,        DENIED,    OK,        OK],
  'room.setTyping':          [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.history':         [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.search':          [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.onEvent':         [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.send':            [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.markRead':        [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  // Someone who left no longer speaks in the room, not even through an old message ...
  'message.edit':            [UNAUTHORIZED, DENIED,    FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN],
  // ... but may still take their own words back.
  'message.delete':          [UNAUTHORIZED, DENIED,    FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN],
  // Reacting, pinning and reading a thread are for members, on anyone's message.
  'message.react':           [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.unreact':         [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.pin':             [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.unpin':           [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.markThreadRead':  [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.pins':            [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  'message.thread':          [UNAUTHORIZED, DENIED,    OK,        OK,        DENIED,    OK,        OK],
  // Looking after a room: its owner and admins; naming admins and deleting it: its owner.
  'room.update':             [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        OK],
  'room.setArchived':        [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        OK],
  'room.removeMember':       [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        OK],
  'room.deleteMessage':      [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        OK],
  'room.setRole':            [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
  'room.delete':             [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
  // The whole server is the server admin's alone.
  'admin.users':             [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
  'admin.setDeactivated':    [UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
};

type Differences = { [P in Path]?: Partial<Record<Role, Expected>> };

// A public room, where it differs: every signed-in user reads it, and since it hides nothing a
// refusal is FORBIDDEN, never NOT_FOUND.
const PUBLIC_ROOM: Differences = {
  'room.join':        { outsider: OK,        former: OK },
  'room.invite':      { outsider: FORBIDDEN, former: FORBIDDEN },
  'room.members':     { outsider: OK,        former: OK },
  'room.onTyping':    { outsider: OK,        former: OK },
  'room.onPresence':  { outsider: OK,        former: OK },
  'room.onReads':     { outsider: OK,        former: OK },
  'room.setNotificationLevel': { outsider: FORBIDDEN, former: FORBIDDEN },
  'room.setTyping':   { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.history':  { outsider: OK,        former: OK },
  'message.search':   { outsider: OK,        former: OK },
  'message.onEvent':  { outsider: OK,        former: OK },
  'message.send':     { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.markRead': { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.edit':     { outsider: FORBIDDEN },
  'message.delete':   { outsider: FORBIDDEN },
  'message.react':    { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.unreact':  { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.pin':      { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.unpin':    { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.markThreadRead': { outsider: FORBIDDEN, former: FORBIDDEN },
  'message.pins':     { outsider: OK,        former: OK },
  'message.thread':   { outsider: OK,        former: OK },
};

// A direct room, where it differs: it is the author's conversation with the member, and it
// stays exactly those two people, so nobody is added to it and neither of them can leave it
// (a leaver would never see the other's later messages). So it has no former member.
const DIRECT_ROOM: Differences = {
  'room.invite':      { member: BAD_REQUEST, author: BAD_REQUEST },
  'room.leave':       { member: BAD_REQUEST, author: BAD_REQUEST },
};

const KINDS = {
  private: { roles: ROLES, differences: {} },
  public: { roles: ROLES, differences: PUBLIC_ROOM },
  direct: { roles: ROLES.filter((role) => role !== 'former' && role !== 'admin' && role !== 'owner'), differences: DIRECT_ROOM },
} satisfies Record<string, { roles: readonly Role[]; differences: Differences }>;
type Kind = keyof typeof KINDS;

// tRPC types `procedures` as the nested record; at run time it is flat, keyed by dotted path.
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Procedures whose input names a room or a message run in every kind of room; the rest once. */
const actsOnRoom = (procedure: AnyProcedure): boolean =>
  procedure._def.inputs.some((input) => input instanceof z.ZodObject && ('roomId' in input.shape || 'messageId' in input.shape));

const PASSWORD = 'correct horse battery'; // what harness.signUp gives every user

// `root` signs up first, so it is the server admin, and no role of a room is.
const { server, pool, users } = await serverForFile(['root', 'owner', 'admin', 'outsider', 'member', 'author', 'former', 'guest', 'bystander'], { rateLimit: false });

interface Caller {
  client: Client;
  user: User | null;
}

const anonymous: Caller = { client: pool.connect(server).client, user: null };
const guestSessionId = (await users.guest.client.auth.sessions.query())[0]!.id;

interface Scene {
  roomId: string;
  callers: Partial<Record<Role, Caller>>;
  /** Every message in the room, oldest first. */
  messages: Message[];
  /** The author's message. */
  message: Message;
  /** The former member's own message, written before they left. */
  formerMessage?: Message;
}

async function groupScene(kind: 'private' | 'public'): Promise<Scene> {
  const { owner, admin, outsider, member, author, former } = users;
  const { id: roomId } = await owner.client.room.create.mutate({ name: uniqueName('matrix'), kind });
  for (const { user } of [member, author, former, admin]) await owner.client.room.invite.mutate({ roomId, userId: user.id });
  await owner.client.room.setRole.mutate({ roomId, userId: admin.user.id, role: 'admin' });
  const message = await author.client.message.send.mutate({ roomId, body: 'matrix: the author speaks', clientMsgId: uniqueName('m') });
  const formerMessage = await former.client.message.send.mutate({ roomId, body: 'matrix: said before leaving', clientMsgId: uniqueName('m') });
  await former.client.room.leave.mutate({ roomId });
  return { roomId, callers: { anonymous, outsider, member, author, former, admin, owner }, messages: [message, formerMessage], message, formerMessage };
}

// The same two people always get the same direct room, so a fresh one needs a fresh person.
async function directScene(): Promise<Scene> {
  const { outsider, author } = users;
  const partner = await signUp(server, 'partner');
  onTestFinished(() => partner.close());
  const { id: roomId } = await author.client.dm.open.mutate({ userId: partner.user.id });
  const message = await author.client.message.send.mutate({ roomId, body: 'matrix: just between us', clientMsgId: uniqueName('m') });
  return { roomId, callers: { anonymous, outsider, member: partner, author }, messages: [message], message };
}

const SCENES: Record<Kind, () => Promise<Scene>> = {
  private: () => groupScene('private'),
  public: () => groupScene('public'),
  direct: directScene,
};

const target = (s: Scene, role: Role): Message => (role === 'former' && s.formerMessage) || s.message;

/** Each procedure's input for a role in a scene. */
const CALLS: { [P in Path]: (s: Scene, role: Role) => InputOf<P> } = {
  'auth.register': () => ({ username: uniqueName('reg'), password: PASSWORD }),
  'auth.login': () => ({ username: users.guest.user.username, password: PASSWORD }),
  'auth.me': () => undefined,
  'auth.account': () => undefined,
  'auth.logout': () => undefined,
  'auth.sessions': () => undefined,
  'auth.revoke': () => ({ sessionId: guestSessionId }),
  'auth.logoutOthers': () => undefined,
  'auth.changePassword': () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
  'user.updateProfile': () => ({ displayName: 'Matrix Person' }),
  'user.search': () => ({ query: 'guest' }),
  'user.onEvent': () => undefined,
  'user.profiles': () => ({ userIds: [users.guest.user.id, users.owner.user.id] }),
  'user.setStatus': () => ({ status: 'in the matrix' }),
  'user.setAvatar': () => ({ fileId: null }),
  'room.list': () => undefined,
  'room.create': () => ({ name: uniqueName('matrix created'), kind: 'private' }),
  'dm.open': () => ({ userId: users.guest.user.id }),
  'room.join': (s) => ({ roomId: s.roomId }),
  'room.leave': (s) => ({ roomId: s.roomId }),
  'room.invite': (s) => ({ roomId: s.roomId, userId: users.guest.user.id }),
  'room.members': (s) => ({ roomId: s.roomId }),
  'room.onTyping': (s) => ({ roomId: s.roomId }),
  'room.onPresence': (s) => ({ roomId: s.roomId }),
  'room.onReads': (s) => ({ roomId: s.roomId }),
  'room.setNotificationLevel': (s) => ({ roomId: s.roomId, level: 'muted' }),
  'room.setTyping': (s) => ({ roomId: s.roomId, typing: true }),
  'message.history': (s) => ({ roomId: s.roomId }),
  'message.search': (s) => ({ query: 'matrix', roomId: s.roomId }),
  'message.onEvent': (s) => ({ roomId: s.roomId, lastEventId: '0' }),
  'message.send': (s) => ({ roomId: s.roomId, body: 'matrix: one more', clientMsgId: uniqueName('m') }),
  'message.markRead': (s) => ({ roomId: s.roomId, messageId: s.message.id }),
  'message.edit': (s, role) => ({ messageId: target(s, role).id, body: 'matrix: edited' }),
  'message.delete': (s, role) => ({ messageId: target(s, role).id }),
  'message.react': (s, role) => ({ messageId: target(s, role).id, emoji: '👍' }),
  'message.unreact': (s, role) => ({ messageId: target(s, role).id, emoji: '👍' }),
  'message.pin': (s, role) => ({ messageId: target(s, role).id }),
  'message.unpin': (s, role) => ({ messageId: target(s, role).id }),
  'message.markThreadRead': (s, role) => ({ messageId: target(s, role).id }),
  'message.pins': (s) => ({ roomId: s.roomId }),
  'message.thread': (s, role) => ({ messageId: target(s, role).id }),
  'room.update': (s) => ({ roomId: s.roomId, name: uniqueName('matrix renamed'), topic: 'matrix' }),
  'room.setArchived': (s) => ({ roomId: s.roomId, archived: true }),
  'room.removeMember': (s) => ({ roomId: s.roomId, userId: users.author.user.id }),
  'room.deleteMessage': (s) => ({ messageId: s.message.id }),
  'room.setRole': (s) => ({ roomId: s.roomId, userId: users.member.user.id, role: 'admin' }),
  'room.delete': (s) => ({ roomId: s.roomId }),
  'admin.users': () => ({ query: 'guest' }),
  // Reactivating an active account changes nothing, so no other cell is disturbed.
  'admin.setDeactivated': () => ({ userId: users.bystander.user.id, deactivated: false }),
};

/** Logging out ends the caller's session, so it gets one no other cell uses. */
const ENDS_SESSION: ReadonlySet<string> = new Set<Path>(['auth.logout']);
/** These end every other session of the caller, those other cells use too: a new user stands in. */
const ENDS_OTHER_SESSIONS: ReadonlySet<string> = new Set<Path>(['auth.logoutOthers', 'auth.changePassword']);

interface Outcome {
  code: string;
  detail: string;
}

function failure(err: unknown): Outcome {
  if (!(err instanceof TRPCClientError)) throw err;
  return { code: codeOf(err) ?? 'no code', detail: err.message };
}

async function standIn(): Promise<Client> {
  const member = await signUp(server, 'standin');
  onTestFinished(() => member.close());
  return member.client;
}

async function freshSession(user: User): Promise<Client> {
  const { token } = await connectHttp(server).auth.login.mutate({ username: user.username, password: PASSWORD });
  const ws = connectWs(server, token);
  onTestFinished(() => ws.close());
  return ws.client;
}

/**
 * 'ok' once the server confirms the subscription and has delivered the created event of every
 * message in `mustDeliver`; an error counts as a refusal only when no data came before it.
 */
function subscribe(client: Client, path: string, input: unknown, mustDeliver: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const delivered: string[] = [];
    let items = 0;
    let started = false;
    const settle = (outcome: Outcome) => {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(outcome);
    };
    const settleIfDone = () => {
      if (started && mustDeliver.every((id) => delivered.includes(id))) settle({ code: OK, detail: `started, ${items} items delivered` });
    };
    const timer = setTimeout(
      () => settle({ code: 'no answer in 5 s', detail: started ? `started, but delivered only ${JSON.stringify(delivered)}` : 'neither started nor refused' }),
      5000,
    );
    const sub = getUntypedClient(client).subscription(path, input, {
      onStarted: () => {
        started = true;
        settleIfDone();
      },
      onData: (item) => {
        items++;
        const event = (item as { data?: Partial<RoomEvent> }).data;
        if (event?.type === 'created' && event.message) delivered.push(event.message.id);
        settleIfDone();
      },
      onError: (err) => settle(items ? { code: 'data, then an error', detail: `${items} items, then ${codeOf(err)}: ${err.message}` } : failure(err)),
    });
  });
}

async function call(client: Client, path: string, input: unknown, scene: Scene): Promise<Outcome> {
  const { type } = PROCEDURES[path]!._def;
  if (type === 'subscription') {
    return subscribe(client, path, input, path === 'message.onEvent' ? scene.messages.map((m) => m.id) : []);
  }
  const untyped = getUntypedClient(client);
  try {
    const result = type === 'query' ? await untyped.query(path, input) : await untyped.mutation(path, input);
    return { code: OK, detail: JSON.stringify(result)?.slice(0, 160) ?? 'no result' };
  } catch (err) {
    return failure(err);
  }
}

function expectedOf(kind: Kind, path: string, role: Role): string[] {
  const row = (PRIVATE_ROOM as Partial<Record<string, Row>>)[path];
  if (!row) expect.unreachable(`${path} has no row in the access table: decide who may call it`);
  const expected = (KINDS[kind].differences as Partial<Record<string, Partial<Record<Role, Expected>>>>)[path]?.[role] ?? row[ROLES.indexOf(role)]!;
  return typeof expected === 'string' ? [expected] : [...expected];
}

async function runCell(kind: Kind, path: string, role: Role): Promise<void> {
  const expected = expectedOf(kind, path, role);
  const build = (CALLS as Partial<Record<string, (s: Scene, role: Role) => unknown>>)[path];
  if (!build) expect.unreachable(`${path} has no entry in CALLS: say how to call it`);
  const scene = await SCENES[kind]();
  const caller = scene.callers[role];
  if (!caller) expect.unreachable(`a ${kind} room has no ${LABEL[role]}`);
  let client = caller.client;
  if (caller.user && ENDS_OTHER_SESSIONS.has(path)) client = await standIn();
  else if (caller.user && ENDS_SESSION.has(path)) client = await freshSession(caller.user);
  const actual = await call(client, path, build(scene, role), scene);
  expect(actual.code, `got ${actual.code}: ${actual.detail}`).toBeOneOf(expected);
}

describe('the access table', () => {
  const procedures = Object.keys(PROCEDURES);
  const coverage = (table: object) => ({
    'procedures with no entry': procedures.filter((p) => !(p in table)),
    'entries for procedures the router does not have': Object.keys(table).filter((p) => !procedures.includes(p)),
  });
  const complete = { 'procedures with no entry': [], 'entries for procedures the router does not have': [] };

  test('has a row for every procedure of the router, and none for a procedure it no longer has', () => {
    expect(coverage(PRIVATE_ROOM)).toEqual(complete);
  });

  test('comes with a call for every procedure of the router, and none for a procedure it no longer has', () => {
    expect(coverage(CALLS)).toEqual(complete);
  });

  test('lists public- and direct-room differences only for procedures that act on a room', () => {
    for (const { differences } of Object.values(KINDS)) {
      const elsewhere = Object.keys(differences).filter((p) => !PROCEDURES[p] || !actsOnRoom(PROCEDURES[p]));
      expect(elsewhere, 'differences that no cell would check').toEqual([]);
    }
  });
});

for (const [kind, { roles }] of Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]) {
  describe(`a ${kind} room`, () => {
    for (const [path, procedure] of Object.entries(PROCEDURES)) {
      if (kind !== 'private' && !actsOnRoom(procedure)) continue;
      for (const role of roles) test(`${path} as ${LABEL[role]}`, () => runCell(kind, path, role));
    }
  });
}
