import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { backup, restore } from '../src/backup/backup.ts';
import { connectHttp, roomByName, signUp, startTestServer, type TestServer } from './harness.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

const dir = mkdtempSync(join(tmpdir(), 'chat-backup-test-'));

/** Every message of a room, oldest first, read page by page. */
async function everyMessage(server: TestServer, token: string, roomId: string) {
  const client = connectHttp(server, token);
  const all: { id: string; seq: number; body: string }[] = [];
  let before: string | null = null;
  do {
    const page = await client.message.history.query({ roomId, before, limit: 100 });
    all.unshift(...page.messages);
    before = page.nextCursor;
  } while (before !== null);
  return all;
}

describe('backup and restore', () => {
  test('a backup taken while messages pour in restores every acknowledged one, and sequences go on from there', async () => {
    const live = await startTestServer();
    servers.push(live);
    const ana = await signUp(live, 'ana');
    const general = await roomByName(ana.client, 'General');
    await ana.client.room.join.mutate({ roomId: general.id });
    const file = await fetch(`${live.url}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}` },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob(['minutes of the meeting']), 'minutes.txt');
        return form;
      })(),
    }).then((res) => res.json() as Promise<{ id: string; url: string }>);
    await ana.client.message.send.mutate({ roomId: general.id, body: 'the minutes', clientMsgId: 'minutes', attachmentIds: [file.id] });

    // Four writers keep sending through the backup; each send counts once it is acknowledged.
    const acked: string[] = [];
    let writing = true;
    let sent = 0;
    const writer = async (w: number) => {
      while (writing) {
        const n = sent++;
        const message = await ana.client.message.send.mutate({ roomId: general.id, body: `load ${w}.${n}`, clientMsgId: `load-${n}` });
        acked.push(message.id);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acked.length < 200) await new Promise((r) => setTimeout(r, 10));
    const ackedBefore = [...acked];
    const archive = join(dir, 'chat-backup.tar.gz');
    const made = await backup(live.dataDir, archive);
    const ackedDuring = acked.length - ackedBefore.length;
    writing = false;
    await Promise.all(writers);
    expect(made.messages).toBeGreaterThanOrEqual(ackedBefore.length + 1);

    const restoredDir = join(dir, 'restored');
    const restored = await restore(archive, restoredDir);
    expect(restored.messages).toBe(made.messages);
    const again = await startTestServer({ dataDir: restoredDir });
    servers.push(again);

    const messages = await everyMessage(again, ana.token, general.id);
    const ids = new Set(messages.map((m) => m.id));
    expect(ackedBefore.filter((id) => !ids.has(id)), 'acknowledged before the backup began, missing after the restore').toEqual([]);
    // The snapshot is one moment: its sequence has no hole, whatever was in flight.
    const seqs = messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    const next = await connectHttp(again, ana.token).message.send.mutate({ roomId: general.id, body: 'after the restore', clientMsgId: 'after' });
    expect(next.seq).toBe(seqs.at(-1)! + 1);
    // Files came along, and are served as before.
    const download = await fetch(`${again.url}${file.url}`, { headers: { authorization: `Bearer ${ana.token}` } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('minutes of the meeting');
    console.info(`backup under load: ${ackedBefore.length} acknowledged before it began, ${ackedDuring} during it; ${made.messages} messages and ${made.files} files in the archive`);
  });

  test('a restore never writes over existing data, and refuses what is not a backup', async () => {
    const archive = join(dir, 'chat-backup.tar.gz');
    await expect(restore(archive, join(dir, 'restored'))).rejects.toThrow(/not empty/);
    await expect(restore(join(dir, 'missing.tar.gz'), join(dir, 'fresh'))).rejects.toThrow(/no backup at/);
    await expect(backup(join(dir, 'nowhere'), join(dir, 'x.tar.gz'))).rejects.toThrow(/no database at/);
  });
});
