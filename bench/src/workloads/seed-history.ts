import { join } from 'node:path';
import { openSqlite } from '@chat/db';
// The server's own indexer, so the room is searchable as if its messages had been sent.
import { SqliteSearchIndex } from '@chat/api/storage/sqlite-search-index';
import { makeBody } from '../load/body.ts';

const CHUNK = 20_000;

/**
 * Writes a public room of `count` messages straight into a fresh `chat.db` (schema and
 * migrations from @chat/db, rows exactly as ChatStore.sendMessage stores them: a message, its
 * `created` event with the JSON snapshot, the room's last_seq, the full-text index). Answers
 * the room's id.
 */
export function seedHistory(dataDir: string, count: number): string {
  const conn = openSqlite(join(dataDir, 'chat.db'));
  const db = conn.raw;
  try {
    const t0 = Date.now() - count * 1000;
    const author = { id: '', username: 'history_author', displayName: 'History Author' };
    author.id = String(
      db.prepare('INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)').run(author.username, author.displayName, '!', t0)
        .lastInsertRowid,
    );
    const roomId = Number(
      db.prepare("INSERT INTO rooms (name, name_key, topic, kind, created_by, created_at) VALUES ('History', 'history', '', 'public', ?, ?)").run(author.id, t0)
        .lastInsertRowid,
    );
    const insertMessage = db.prepare('INSERT INTO messages (room_id, author_id, seq, body, client_msg_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insertEvent = db.prepare("INSERT INTO events (room_id, seq, type, message_id, created_at) VALUES (?, ?, 'created', ?, ?)");
    const insertChunk = db.transaction((from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        const body = makeBody('hist', seq);
        const at = t0 + seq * 1000;
        const id = Number(insertMessage.run(roomId, author.id, seq, body, `seed-${seq}`, at).lastInsertRowid);
        insertEvent.run(roomId, seq, id, at);
      }
    });
    for (let from = 1; from <= count; from += CHUNK) insertChunk(from, Math.min(count, from + CHUNK - 1));
    db.prepare('UPDATE rooms SET last_seq = ?, last_message_at = ? WHERE id = ?').run(count, t0 + count * 1000, roomId);
    new SqliteSearchIndex(db).catchUp();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return String(roomId);
  } finally {
    conn.close();
  }
}
