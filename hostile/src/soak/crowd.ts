import { randomBytes } from 'node:crypto';
import { errorCode, signUp, socketApi, type Account, type SocketApi } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { sleep, waitUntil } from '../time.ts';
import { RoomLedger, sumTallies, type LedgerTally } from './ledger.ts';

export interface CrowdOptions {
  clients: number;
  rooms: number;
  /** Each client sends one message this often: 5 per 10 s, a sixth of the send budget. */
  sendEveryMs?: number;
}

export interface CrowdReport extends LedgerTally {
  clients: number;
  rooms: number;
  sendEveryMs: number;
  /** Sends that still failed after their retries (each a message the chat lost), and the first few. */
  sendFailures: number;
  sendFailureExamples: string[];
  /** Sends that needed more than one attempt (same clientMsgId, so never doubled). */
  retriedSends: number;
  subscriptionErrors: string[];
  /** Times a client's socket opened again after its first. */
  reconnects: number;
}

export interface Crowd {
  /** Messages sent so far, for progress lines. */
  sentSoFar(): number;
  /** Stops sending, waits for what is on its way, closes every socket and reports. */
  stop(): Promise<CrowdReport>;
  /** Closes every socket at once, without waiting or reporting (Ctrl-C); safe after stop. */
  close(): Promise<void>;
}

/** Well inside the per-address budget of 100 sign-ups an hour, so that the crowd never meets it. */
const SIGN_UPS_PER_ADDRESS = 10;
/** Argon2 runs on the server's four libuv threads; more at once only queue there. */
const SET_UP_CONCURRENCY = 8;
const START_TIMEOUT_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;
const SEND_ATTEMPTS = 3;
const RETRY_AFTER_MS = 1000;
const DRAIN_TIMEOUT_MS = 30_000;
const MAX_EXAMPLES = 10;

interface Member {
  account: Account;
  room: RoomLedger;
  follower: number;
  socket: SocketApi;
}

/**
 * `clients` signed-in users in `rooms` public rooms (member i in room i mod rooms), each on one
 * tRPC WebSocket that follows its room with `message.onEvent` and sends to it: the canary,
 * scaled up, with every message and every copy of it counted per follower.
 */
export async function startCrowd(target: Target, opts: CrowdOptions): Promise<Crowd> {
  const sendEveryMs = opts.sendEveryMs ?? 2000;
  const addresses = Array.from({ length: Math.ceil(opts.clients / SIGN_UPS_PER_ADDRESS) }, () => nextAddress());
  const run = randomBytes(3).toString('hex');
  const accounts = await inBatches(opts.clients, (i) => signUp(target, addresses[Math.floor(i / SIGN_UPS_PER_ADDRESS)] as string, `soak${i}`));
  const roomIds = await inBatches(opts.rooms, async (r) => (await (accounts[r] as Account).http.room.create.mutate({ name: `soak ${run} ${r + 1}` })).id);
  await inBatches(opts.clients - opts.rooms, (i) => (accounts[i + opts.rooms] as Account).http.room.join.mutate({ roomId: roomIds[(i + opts.rooms) % opts.rooms] as string }));

  const ledgers = roomIds.map((roomId, r) => new RoomLedger(roomId, Math.ceil((opts.clients - r) / opts.rooms)));
  const subscriptionErrors: string[] = [];
  let started = 0;
  const members: Member[] = accounts.map((account, i) => {
    const room = ledgers[i % opts.rooms] as RoomLedger;
    const follower = Math.floor(i / opts.rooms);
    const socket = socketApi(target, account.address, account.token);
    socket.api.message.onEvent.subscribe(
      { roomId: room.roomId },
      {
        onStarted: () => started++,
        onData: ({ id, data }) => {
          if (data.type === 'created') room.received(follower, id, data.message.id);
        },
        onError: (err) => subscriptionErrors.push(`client ${i}: ${errorCode(err)}`),
      },
    );
    return { account, room, follower, socket };
  });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.all(members.map((m) => m.socket.close())).then(() => undefined));
  // A reconnect starts the subscription again, so `started` may pass the count: at least is enough.
  if (!(await waitUntil(() => started >= members.length || subscriptionErrors.length > 0, START_TIMEOUT_MS))) {
    await close();
    throw new Error(`only ${started} of ${members.length} subscriptions started: ${subscriptionErrors.slice(0, 3).join(', ') || 'no answer'}`);
  }

  let stopping = false;
  let sent = 0;
  let retriedSends = 0;
  const sendFailures: string[] = [];
  const send = async (member: Member, i: number, n: number) => {
    const input = { roomId: member.room.roomId, body: `soak ${member.account.user.username} #${n}`, clientMsgId: `soak-${i}-${n}` };
    for (let attempt = 1; ; attempt++) {
      try {
        const message = await member.socket.api.message.send.mutate(input, { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
        member.room.sent(message.id);
        sent++;
        if (attempt > 1) retriedSends++;
        return;
      } catch (err) {
        if (attempt === SEND_ATTEMPTS) return void sendFailures.push(`${input.clientMsgId}: ${errorCode(err)}`);
        await sleep(RETRY_AFTER_MS);
      }
    }
  };
  // Each client starts at a random point of its period, so that sends spread evenly over time.
  const sending = members.map(async (member, i) => {
    const startAt = Date.now() + Math.random() * sendEveryMs;
    for (let n = 0; ; n++) {
      await sleep(Math.max(0, startAt + n * sendEveryMs - Date.now()));
      if (stopping) return;
      await send(member, i, n);
    }
  });

  return {
    sentSoFar: () => sent,
    async stop() {
      stopping = true;
      await Promise.all(sending);
      await waitUntil(() => ledgers.every((l) => l.missing() === 0), DRAIN_TIMEOUT_MS, 250);
      await close();
      return {
        ...sumTallies(ledgers.map((l) => l.tally())),
        clients: members.length,
        rooms: ledgers.length,
        sendEveryMs,
        sendFailures: sendFailures.length,
        sendFailureExamples: sendFailures.slice(0, MAX_EXAMPLES),
        retriedSends,
        subscriptionErrors,
        reconnects: members.reduce((sum, m) => sum + m.socket.opens() - 1, 0),
      };
    },
    close: () => {
      stopping = true;
      return close();
    },
  };
}

/** `count` calls of `task`, at most SET_UP_CONCURRENCY at a time, results in order. */
async function inBatches<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let at = 0; at < count; at += SET_UP_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SET_UP_CONCURRENCY, count - at) }, (_, j) => task(at + j));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
