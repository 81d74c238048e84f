import type Database from 'better-sqlite3';
import type { EventType, FileRow, MessageRow } from '@chat/db';
import type { RoomSummary } from './store.ts';

const messageColumns = (t: string) => `${t}.id, ${t}.room_id AS roomId, ${t}.author_id AS authorId, ${t}.seq, ${t}.body,
  ${t}.client_msg_id AS clientMsgId, ${t}.created_at AS createdAt, ${t}.edited_at AS editedAt, ${t}.deleted_at AS deletedAt`;
const MESSAGE_COLUMNS = messageColumns('messages');
const PAGE_COLUMNS = `${messageColumns('m')}, u.username AS authorUsername, u.display_name AS authorDisplayName`;

/** A session `s` neither past its end nor idle too long (parameters: now, usedAfter). */
const ALIVE = 's.expires_at > ? AND s.last_used_at > ?';

/** A history row: the message and its author's name. */
export type PageRow = MessageRow & { authorUsername: string; authorDisplayName: string };

/** An event of the log with its message (as it is now) and author. */
export type LogRow = PageRow & { eventSeq: number; eventType: EventType };

/**
 * The statements on the hot path — every authenticated call, every send, every resume —
 * prepared once. Building a query through drizzle and preparing it costs about 100 µs on our
 * machine; running a prepared statement a few.
 */
export function prepareHotStatements(db: Database.Database) {
  const sessionBy = (column: 'token_hash' | 'file_token_hash') =>
    db.prepare<[hash: string, now: number, usedAfter: number], { sessionId: number; expiresAt: number; id: number; username: string; displayName: string }>(
      `SELECT s.id AS sessionId, s.expires_at AS expiresAt, u.id, u.username, u.display_name AS displayName
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.${column} = ? AND ${ALIVE}`,
    );
  return {
    session: sessionBy('token_hash'),
    sessionByFileToken: sessionBy('file_token_hash'),
    roomSummary: db.prepare<[roomId: number], Omit<RoomSummary, 'id'> & { id: number }>(
      'SELECT id, name, topic, kind, last_seq AS lastSeq FROM rooms WHERE id = ?',
    ),
    isMember: db.prepare<[roomId: number, userId: number], { ok: number }>(
      'SELECT 1 AS ok FROM room_members WHERE room_id = ? AND user_id = ?',
    ),
    user: db.prepare<[userId: number], { id: number; username: string; displayName: string }>(
      'SELECT id, username, display_name AS displayName FROM users WHERE id = ?',
    ),
    messageByClientId: db.prepare<[authorId: number, clientMsgId: string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE author_id = ? AND client_msg_id = ?`,
    ),
    /** Claims the room's next sequence number (and, for a new message, its time). */
    nextSeq: db.prepare<[messageAt: number | null, roomId: number], { lastSeq: number }>(
      'UPDATE rooms SET last_seq = last_seq + 1, last_message_at = coalesce(?, last_message_at) WHERE id = ? RETURNING last_seq AS lastSeq',
    ),
    insertMessage: db.prepare<[roomId: number, authorId: number, seq: number, body: string, clientMsgId: string, createdAt: number], MessageRow>(
      `INSERT INTO messages (room_id, author_id, seq, body, client_msg_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
    ),
    insertEvent: db.prepare<[roomId: number, seq: number, type: string, messageId: number, createdAt: number]>(
      'INSERT INTO events (room_id, seq, type, message_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    /** History, newest first below a seq (pass Number.MAX_SAFE_INTEGER for the newest page). */
    pageBelow: db.prepare<[roomId: number, belowSeq: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id
       WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    ),
    /** History, oldest first from a seq up. */
    pageFrom: db.prepare<[roomId: number, fromSeq: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id
       WHERE m.room_id = ? AND m.seq >= ? ORDER BY m.seq LIMIT ?`,
    ),
    /** Attachments of the messages in a JSON array of ids, in position order within each. */
    attachments: db.prepare<[messageIdsJson: string], Omit<FileRow, 'hasThumbnail'> & { messageId: number; hasThumbnail: number }>(
      `SELECT a.message_id AS messageId, f.id, f.sha256, f.name, f.mime, f.size, f.width, f.height,
         f.has_thumbnail AS hasThumbnail, f.uploader_id AS uploaderId, f.created_at AS createdAt
       FROM message_attachments a JOIN files f ON f.id = a.file_id
       WHERE a.message_id IN (SELECT value FROM json_each(?)) ORDER BY a.message_id, a.position`,
    ),
    /** Events after a seq with their messages as they are now. */
    eventsAfter: db.prepare<[roomId: number, afterSeq: number, limit: number], LogRow>(
      `SELECT e.seq AS eventSeq, e.type AS eventType, ${PAGE_COLUMNS}
       FROM events e JOIN messages m ON m.id = e.message_id JOIN users u ON u.id = m.author_id
       WHERE e.room_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
    ),
  };
}

export type HotStatements = ReturnType<typeof prepareHotStatements>;
