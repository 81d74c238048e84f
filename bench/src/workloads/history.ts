import { TrpcSocket } from '../clients/trpc-socket.ts';
import { UserPool } from '../clients/user-pool.ts';
import type { BenchConfig } from '../config.ts';
import { latencyHistogram, summarize, type LatencySummary } from '../load/latency.ts';
import { freshDataDir, startTarget } from '../targets/start.ts';
import { now } from '../util/time.ts';
import { seedHistory } from './seed-history.ts';

export interface HistoryResult {
  roomMessages: number;
  pages: number;
  seedMs: number;
  latency: LatencySummary;
}

/**
 * `message.history` pages (limit 50) on one seeded room, one after another over one WebSocket:
 * the newest page, then pages before random points across the whole room.
 */
export async function historyPaging(cfg: NonNullable<BenchConfig['history']>): Promise<HistoryResult> {
  const dataDir = freshDataDir();
  const t0 = now();
  const roomId = seedHistory(dataDir, cfg.messages);
  const seedMs = Math.round(now() - t0);
  const target = await startTarget('ours', { dataDir });
  const histogram = latencyHistogram();
  try {
    const [reader] = (await UserPool.register(target.httpBase, 1)).users;
    const socket = await TrpcSocket.open(target.wsBase, reader?.token ?? '');
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < cfg.pages + 20; i++) {
      const before = i % 10 === 0 ? undefined : String(51 + Math.floor(random() * (cfg.messages - 50)));
      const start = now();
      const page = (await socket.request('query', 'message.history', { roomId, before, limit: 50 })) as { messages: unknown[] };
      // The first 20 pages warm the server up (JIT, SQLite page cache) and are not counted.
      if (i >= 20) histogram.recordValue(Math.max(1, Math.round((now() - start) * 1000)));
      if (page.messages.length !== 50) throw new Error(`history page had ${page.messages.length} messages`);
    }
    socket.close();
    return { roomMessages: cfg.messages, pages: cfg.pages, seedMs, latency: summarize(histogram) };
  } finally {
    histogram.destroy();
    await target.stop();
  }
}
