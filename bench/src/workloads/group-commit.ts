import { rmSync } from 'node:fs';
import { join } from 'node:path';
// The store itself, not a copy of its SQL: what the server does on `message.send`.
import { SqliteStore } from '@chat/api/storage/sqlite-store';
import type { BenchConfig } from '../config.ts';
import { makeBody } from '../load/body.ts';
import { freshDataDir } from '../targets/start.ts';
import { now } from '../util/time.ts';

export interface GroupCommitResult {
  messages: number;
  /** Sends made one after another: each is alone in its turn, so one transaction per message. */
  perMessageRowsPerSec: number;
  /** Sends made `batch` at a time, as when they arrive in one turn: one transaction per batch. */
  batch: number;
  groupedRowsPerSec: number;
}

/**
 * Micro-benchmark of ChatStore.sendMessage on SQLite (message, event and full-text index
 * rows): messages stored per second when every send commits alone against sends that arrive
 * together and share one commit (group commit).
 */
export async function groupCommit(cfg: NonNullable<BenchConfig['groupCommit']>): Promise<GroupCommitResult> {
  const dir = freshDataDir();
  const store = new SqliteStore(join(dir, 'chat.db'));
  try {
    const author = await store.createUser({ username: 'gc_author', displayName: 'Group Commit', passwordHash: '!' });
    const roomId = await store.createRoom({ name: 'group-commit', topic: '', kind: 'public', createdBy: author.id });
    let n = 0;
    const send = () => store.sendMessage({ roomId, authorId: author.id, body: makeBody('gc', n), clientMsgId: `gc-${n++}`, now: Date.now() });
    const rate = async (waves: number, perWave: number) => {
      const t0 = now();
      for (let w = 0; w < waves; w++) await Promise.all(Array.from({ length: perWave }, send));
      return Math.round((waves * perWave) / ((now() - t0) / 1000));
    };
    await rate(cfg.messages / 10, 1); // warm-up: JIT, page cache
    const perMessageRowsPerSec = await rate(cfg.messages, 1);
    const groupedRowsPerSec = await rate(cfg.messages / cfg.batch, cfg.batch);
    return { messages: cfg.messages, perMessageRowsPerSec, batch: cfg.batch, groupedRowsPerSec };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
