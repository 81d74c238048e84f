import type { Subscription } from '../clients/driver.ts';
import { OursDriver } from '../clients/ours-driver.ts';
import { TrpcSocket, trackedId } from '../clients/trpc-socket.ts';
import type { BenchConfig } from '../config.ts';
import { makeBody, newRunId, readIndex } from '../load/body.ts';
import { startTarget, type RunningTarget } from '../targets/start.ts';
import { inBatches, now, sleep, waitUntil } from '../util/time.ts';

export interface StormResult {
  clients: number;
  /** Messages sent while every client was away (they must come from the resume). */
  backlog: number;
  /** Messages sent live while the clients were reconnecting. */
  live: number;
  /** From the restarted server answering /healthz until every client had the whole backlog. */
  catchUpMs: number;
  /** … and until every client also had every live message. */
  allDoneMs: number;
  completed: number;
  lost: number;
  duplicates: number;
}

class StormClient {
  lastEventId: string | undefined;
  readonly seen = new Set<number>();
  duplicates = 0;
  /** Messages of the backlog (index below backlogEnd) received. */
  backlogSeen = 0;
  sub: Subscription | null = null;

  constructor(
    private readonly run: string,
    private readonly backlogEnd: number,
  ) {}

  onFrame = (frame: string): void => {
    const index = readIndex(frame, this.run);
    if (index < 0) return;
    this.lastEventId = trackedId(frame) ?? this.lastEventId;
    if (this.seen.has(index)) this.duplicates++;
    else {
      this.seen.add(index);
      if (index < this.backlogEnd) this.backlogSeen++;
    }
  };
}

async function sendAll(target: RunningTarget, token: string, roomId: string, run: string, from: number, to: number, perSecond: number): Promise<void> {
  const socket = await TrpcSocket.open(target.wsBase, token);
  for (let i = from; i < to; i++) {
    await socket.request('mutation', 'message.send', { roomId, body: makeBody(run, i), clientMsgId: `${run}-${i}` });
    if (perSecond > 0) await sleep(1000 / perSecond);
  }
  socket.close();
}

/**
 * Our server only (the baselines have no resume): N clients follow a room; they all drop, a
 * backlog is written, the server restarts, and all N resume with their lastEventId at once
 * while live messages keep coming. Every client must end with every message exactly once.
 */
export async function reconnectStorm(
  cfg: NonNullable<BenchConfig['storm']>,
  users: number,
  /** Profiles the restarted server (the one the clients resume on) into this directory. */
  cpuProfDir?: string,
): Promise<StormResult> {
  let target = await startTarget('ours');
  const run = newRunId();
  const total = cfg.backlog * 2 + cfg.live;
  const clients = Array.from({ length: cfg.clients }, () => new StormClient(run, cfg.backlog * 2));
  try {
    let driver = await OursDriver.create(target, users);
    const [roomId = ''] = await driver.createRooms('storm', 1);
    const writer = driver.pool.user(0).token;
    await inBatches(clients, 50, async (c, i) => void (c.sub = await driver.subscribe(roomId, i, c.onFrame)));
    await sendAll(target, writer, roomId, run, 0, cfg.backlog, 0);
    await waitUntil(() => clients.every((c) => c.seen.size === cfg.backlog), 10_000);
    for (const c of clients) c.sub?.close();
    await sendAll(target, writer, roomId, run, cfg.backlog, cfg.backlog * 2, 0);
    const port = target.port;
    const dataDir = target.dataDir ?? undefined;
    await target.stop();
    target = await startTarget('ours', { port, dataDir, cpuProfDir });
    const back = now();
    driver = driver.withTarget(target);
    const live = sendAll(target, writer, roomId, run, cfg.backlog * 2, total, 0);
    await Promise.all(clients.map(async (c, i) => void (c.sub = await driver.subscribe(roomId, i, c.onFrame, c.lastEventId))));
    const caughtUp = await waitUntil(() => clients.every((c) => c.backlogSeen === cfg.backlog * 2), 30_000);
    const catchUpMs = caughtUp ? Math.round(now() - back) : Number.NaN;
    await live;
    const done = await waitUntil(() => clients.every((c) => c.seen.size === total), 30_000);
    const allDoneMs = done ? Math.round(now() - back) : Number.NaN;
    const completed = clients.filter((c) => c.seen.size === total).length;
    return {
      clients: cfg.clients,
      backlog: cfg.backlog,
      live: cfg.live,
      catchUpMs,
      allDoneMs,
      completed,
      lost: clients.reduce((n, c) => n + total - c.seen.size, 0),
      duplicates: clients.reduce((n, c) => n + c.duplicates, 0),
    };
  } finally {
    for (const c of clients) c.sub?.close();
    await target.stop();
  }
}
