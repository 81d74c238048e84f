import { signUp, type Account } from '../clients.ts';
import { nextAddress } from '../net.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';
import { waitUntil } from '../time.ts';
import { calls, WsRecorder } from '../ws-recorder.ts';

const ANSWER_TIMEOUT_MS = 10_000;
/** Streams that follow one room each; one socket may hold one of each per room. */
const ROOM_STREAMS = ['message.onEvent', 'room.onTyping', 'room.onPresence'];
/** Rooms one user may create a minute (the server's budget). */
const ROOMS_PER_USER = 10;

export interface SubscriptionOutcome {
  closeCode: number | null;
  /** How the subscriptions were answered: `{ started: 1, BAD_REQUEST: 2999 }`. */
  answers: Record<string, number>;
}

/** `subscriptions` sent on one socket, in frames as large as the server allows, all answered or not. */
async function subscribeAll(target: Target, account: Account, subscriptions: object[]): Promise<SubscriptionOutcome> {
  const socket = new WsRecorder(target, { address: account.address, token: account.token });
  try {
    await socket.opened;
    const perFrame = target.limits.wsMaxCallsPerFrame;
    for (let at = 0; at < subscriptions.length; at += perFrame) socket.sendCalls(subscriptions.slice(at, at + perFrame));
    await waitUntil(() => socket.isClosed || socket.outcomes.size >= subscriptions.length, ANSWER_TIMEOUT_MS);
    return { closeCode: socket.closeCode, answers: tally(socket.outcomes.values()) };
  } finally {
    await socket.close();
  }
}

/** `count` `message.onEvent` subscriptions to one room on one socket. */
export async function sameRoomSubscriptions(target: Target, count = 3000): Promise<SubscriptionOutcome> {
  const account = await signUp(target, nextAddress(), 'follower');
  const [room] = await account.http.room.list.query();
  if (!room) throw new Error('the server has no room to follow');
  return subscribeAll(target, account, calls(count, 'subscription', 'message.onEvent', () => ({ roomId: room.id })));
}

/**
 * `beyond` more subscriptions than `wsMaxSubscriptions` on one socket, each to a room stream
 * of its own (each of the three streams of enough public rooms), so that none is a duplicate.
 */
export async function distinctRoomSubscriptions(target: Target, beyond = 10): Promise<SubscriptionOutcome> {
  const account = await signUp(target, nextAddress(), 'collector');
  const count = target.limits.wsMaxSubscriptions + beyond;
  const roomIds = await publicRooms(target, account, Math.ceil(count / ROOM_STREAMS.length));
  const streams = roomIds.flatMap((roomId) => ROOM_STREAMS.map((path) => ({ path, roomId }))).slice(0, count);
  const subscriptions = streams.map(({ path, roomId }, i) => ({ id: i + 1, method: 'subscription', params: { path, input: { roomId } } }));
  return subscribeAll(target, account, subscriptions);
}

/** At least `count` public rooms: those there are, and new ones made by as many users as that takes. */
async function publicRooms(target: Target, account: Account, count: number): Promise<string[]> {
  const existing = (await account.http.room.list.query()).filter((room) => room.kind === 'public').map((room) => room.id);
  const missing = Math.max(0, count - existing.length);
  const makers = await Promise.all(Array.from({ length: Math.ceil(missing / ROOMS_PER_USER) }, () => signUp(target, nextAddress(), 'builder')));
  const made = await Promise.all(
    Array.from({ length: missing }, (_, i) => {
      const maker = makers[Math.floor(i / ROOMS_PER_USER)] as Account;
      return maker.http.room.create.mutate({ name: `crowd ${maker.user.username} ${i}` });
    }),
  );
  return [...existing, ...made.map((room) => room.id)];
}
