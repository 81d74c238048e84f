import { errorCode, signUp, socketApi } from './clients.ts';
import { CANARY_ADDRESS } from './net.ts';
import type { Target } from './target.ts';
import { sleep, waitUntil } from './time.ts';

interface Seen {
  eventId: string;
  type: string;
  messageId: string;
}

export interface CanaryReport {
  sent: number;
  received: number;
  /** Sends that failed: each one is a message the chat lost. */
  sendErrors: string[];
  subscriptionErrors: string[];
  /** Ids of messages A sent that never reached B, and of those that reached it more than once. */
  lost: string[];
  repeated: string[];
  /** B saw A's messages in the order A sent them. */
  inOrder: boolean;
  /** Each event id that was not greater than the one before it ("7 after 7"). */
  eventIdsOutOfOrder: string[];
  /** Times B's socket opened again after the first: reconnects (which must lose nothing either). */
  reconnects: number;
}

export interface Canary {
  /** Resolves once `count` messages made the round trip. */
  warmedUp(count?: number): Promise<void>;
  /** Stops sending, waits for the messages still on their way, and reports. */
  stop(): Promise<CanaryReport>;
}

const SEND_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Two ordinary users from 127.0.0.1, in a room of their own: A sends a message every `everyMs`
 * (under the send budget of 30 per 10 s), B follows the room with `message.onEvent` and keeps
 * every event. Whatever the attacks do to the server, each of A's messages must reach B once.
 */
export async function startCanary(target: Target, everyMs = 500): Promise<Canary> {
  const a = await signUp(target, CANARY_ADDRESS, 'canary_a');
  const b = await signUp(target, CANARY_ADDRESS, 'canary_b');
  const room = await a.http.room.create.mutate({ name: `canary ${a.user.username}` });
  await b.http.room.join.mutate({ roomId: room.id });
  const sender = socketApi(target, CANARY_ADDRESS, a.token);
  const follower = socketApi(target, CANARY_ADDRESS, b.token);

  const seen: Seen[] = [];
  const subscriptionErrors: string[] = [];
  let started = false;
  const subscription = follower.api.message.onEvent.subscribe(
    { roomId: room.id },
    {
      onStarted: () => (started = true),
      onData: ({ id, data }) => seen.push({ eventId: id, type: data.type, messageId: data.message.id }),
      onError: (err) => subscriptionErrors.push(errorCode(err)),
    },
  );
  const closeAll = async () => {
    subscription.unsubscribe();
    await Promise.all([sender.close(), follower.close()]);
  };
  await waitUntil(() => started || subscriptionErrors.length > 0, DRAIN_TIMEOUT_MS);
  if (!started) {
    await closeAll();
    throw new Error(`the canary's subscription did not start: ${subscriptionErrors.join(', ') || 'no answer'}`);
  }

  const sent: string[] = [];
  const sendErrors: string[] = [];
  let stopping = false;
  const sending = (async () => {
    for (let i = 0; !stopping; i++) {
      const at = Date.now();
      try {
        const message = await sender.api.message.send.mutate(
          { roomId: room.id, body: `canary ${i}`, clientMsgId: `canary-${i}` },
          { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
        );
        sent.push(message.id);
      } catch (err) {
        sendErrors.push(`send ${i}: ${errorCode(err)}`);
      }
      await sleep(Math.max(0, everyMs - (Date.now() - at)));
    }
  })();
  const created = () => seen.filter((e) => e.type === 'created').map((e) => e.messageId);

  return {
    async warmedUp(count = 3) {
      if (!(await waitUntil(() => created().length >= count, DRAIN_TIMEOUT_MS + count * everyMs))) {
        throw new Error(`the canary did not warm up: ${created().length} of ${count} messages arrived`);
      }
    },
    async stop() {
      stopping = true;
      await sending;
      await waitUntil(() => sent.every((id) => created().includes(id)), DRAIN_TIMEOUT_MS);
      await closeAll();
      return report(sent, seen, { sendErrors, subscriptionErrors, reconnects: follower.opens() - 1 });
    },
  };
}

function report(sent: string[], seen: Seen[], extra: Pick<CanaryReport, 'sendErrors' | 'subscriptionErrors' | 'reconnects'>): CanaryReport {
  const mine = new Set(sent);
  const arrived = seen.filter((e) => e.type === 'created' && mine.has(e.messageId)).map((e) => e.messageId);
  const times = new Map<string, number>();
  for (const id of arrived) times.set(id, (times.get(id) ?? 0) + 1);
  const eventIdsOutOfOrder = seen.flatMap((e, i) => {
    const before = seen[i - 1];
    return before && Number(e.eventId) <= Number(before.eventId) ? [`${e.eventId} after ${before.eventId}`] : [];
  });
  return {
    sent: sent.length,
    received: arrived.length,
    lost: sent.filter((id) => !times.has(id)),
    repeated: [...times].filter(([, n]) => n > 1).map(([id]) => id),
    inOrder: [...new Set(arrived)].join() === sent.filter((id) => times.has(id)).join(),
    eventIdsOutOfOrder,
    ...extra,
  };
}
