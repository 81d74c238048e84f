import type { RoomRole } from '@chat/api-types';
import type Database from 'better-sqlite3';
import type { EventType, FileRow, MessageRow } from '@chat/db';
import { EXCERPT_LENGTH, REACTION_USERS_SHOWN } from './rows.ts';
import type { RoomSummary } from './store.ts';

const messageColumns = (t: string) => `${t}.id, ${t}.room_id AS roomId, ${t}.author_id AS authorId, ${t}.seq, ${t}.body,
  ${t}.client_msg_id AS clientMsgId, ${t}.created_at AS createdAt, ${t}.edited_at AS editedAt, ${t}.deleted_at AS deletedAt,
  ${t}.reply_to_id AS replyToId, ${t}.thread_root_id AS threadRootId, ${t}.pinned_at AS pinnedAt, ${t}.pinned_by AS pinnedBy, ${t}.notice`;
const MESSAGE_COLUMNS = messageColumns('messages');
const PAGE_COLUMNS = `${messageColumns('m')}, u.username AS authorUsername, u.display_name AS authorDisplayName`;
const PAGE_FROM = 'messages m JOIN users u ON u.id = m.author_id';

/** A session `s` neither past its end nor idle too long (parameters: now, usedAfter). */
const ALIVE = 's.expires_at > ? AND s.last_used_at > ?';

/** The ids a batch statement reads, as a JSON array: one prepared statement serves any number of them. */
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

interface UserFields {
  id: number;
  username: string;
  displayName: string;
}

/** A history row: the message and its author's name. */
export type PageRow = MessageRow & { authorUsername: string; authorDisplayName: string };

/** Who made a logged reaction or pin; nobody for other events, or once their account is gone. */
type LogActor =
  | { actorId: number; actorUsername: string; actorDisplayName: string }
  | { actorId: null; actorUsername: null; actorDisplayName: null };

/** An event of the log with its message (as it is now) and author, who made it, and its emoji. */
export type LogRow = PageRow & LogActor & { eventSeq: number; eventType: EventType; eventDetail: string | null };

/** What a reply shows of the message it answers, and where that message sits. */
export type QuoteRow = Pick<MessageRow, 'id' | 'roomId' | 'threadRootId' | 'body' | 'deletedAt'> & {
  authorId: number;
  authorUsername: string;
  authorDisplayName: string;
};

/** One user's reaction, with its emoji's total on the message. */
export type ReactionRow = { messageId: number; emoji: string; count: number } & UserFields;

/**
 * The statements on the hot path — every authenticated call, every send, every resume, every
 * page of messages — prepared once. Building a query through drizzle and preparing it costs
 * about 100 µs on our machine; running a prepared statement a few.
 */
export function prepareHotStatements(db: Database.Database) {
  // A deactivated account's sessions are deleted with it; one that outlived it still opens nothing.
  const sessionBy = (column: 'token_hash' | 'file_token_hash') =>
    db.prepare<[hash: string, now: number, usedAfter: number], { sessionId: number; expiresAt: number; id: number; username: string; displayName: string }>(
      `SELECT s.id AS sessionId, s.expires_at AS expiresAt, u.id, u.username, u.display_name AS displayName
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.${column} = ? AND ${ALIVE} AND u.deactivated_at IS NULL`,
    );
  return {
    session: sessionBy('token_hash'),
    sessionByFileToken: sessionBy('file_token_hash'),
    roomSummary: db.prepare<[roomId: number], Omit<RoomSummary, 'id' | 'archived'> & { id: number; archived: number }>(
      'SELECT id, name, topic, kind, last_seq AS lastSeq, archived_at IS NOT NULL AS archived FROM rooms WHERE id = ?',
    ),
    isMember: db.prepare<[roomId: number, userId: number], { ok: number }>(
      'SELECT 1 AS ok FROM room_members WHERE room_id = ? AND user_id = ?',
    ),
    /** A member of the room, and their role there. */
    member: db.prepare<[roomId: number, userId: number], UserFields & { role: RoomRole }>(
      `SELECT u.id, u.username, u.display_name AS displayName, m.role
       FROM room_members m JOIN users u ON u.id = m.user_id WHERE m.room_id = ? AND m.user_id = ?`,
    ),
    user: db.prepare<[userId: number], UserFields>('SELECT id, username, display_name AS displayName FROM users WHERE id = ?'),
    messageByClientId: db.prepare<[authorId: number, clientMsgId: string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE author_id = ? AND client_msg_id = ?`,
    ),
    /** Claims the room's next sequence number (and, for a new message, its time); an archived room gives none. */
    nextSeq: db.prepare<[messageAt: number | null, roomId: number], { lastSeq: number }>(
      `UPDATE rooms SET last_seq = last_seq + 1, last_message_at = coalesce(?, last_message_at)
       WHERE id = ? AND archived_at IS NULL RETURNING last_seq AS lastSeq`,
    ),
    insertMessage: db.prepare<
      [roomId: number, authorId: number, seq: number, body: string, clientMsgId: string, createdAt: number, replyToId: number | null, threadRootId: number | null, notice: string | null],
      MessageRow
    >(
      `INSERT INTO messages (room_id, author_id, seq, body, client_msg_id, created_at, reply_to_id, thread_root_id, notice)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
    ),
    insertEvent: db.prepare<[roomId: number, seq: number, type: string, messageId: number, actorId: number | null, detail: string | null, createdAt: number]>(
      'INSERT INTO events (room_id, seq, type, message_id, actor_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    messageById: db.prepare<[messageId: number], PageRow>(`SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.id = ?`),
    /** History, newest first below a seq (pass Number.MAX_SAFE_INTEGER for the newest page). */
    pageBelow: db.prepare<[roomId: number, belowSeq: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    ),
    /** History, oldest first from a seq up. */
    pageFrom: db.prepare<[roomId: number, fromSeq: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.room_id = ? AND m.seq >= ? ORDER BY m.seq LIMIT ?`,
    ),
    /** The first message of the thread this message starts or belongs to. */
    threadRoot: db.prepare<[messageId: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.id = (SELECT coalesce(thread_root_id, id) FROM messages WHERE id = ?)`,
    ),
    /** A thread's replies, newest first below a seq (Number.MAX_SAFE_INTEGER for the newest). */
    threadBelow: db.prepare<[rootId: number, belowSeq: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.thread_root_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    ),
    threadRead: db.prepare<[userId: number, rootId: number], { lastReadSeq: number }>(
      'SELECT last_read_seq AS lastReadSeq FROM thread_reads WHERE user_id = ? AND root_id = ?',
    ),
    /** Moves the user's marker in the message's thread up to the message; nothing for no such message. */
    markThreadRead: db.prepare<[userId: number, messageId: number]>(
      `INSERT INTO thread_reads (user_id, root_id, last_read_seq)
       SELECT ?, coalesce(thread_root_id, id), seq FROM messages WHERE id = ?
       ON CONFLICT (user_id, root_id) DO UPDATE SET last_read_seq = max(last_read_seq, excluded.last_read_seq)`,
    ),
    /** The room's pinned messages, the most recently pinned first. */
    pinnedPage: db.prepare<[roomId: number, limit: number], PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM ${PAGE_FROM} WHERE m.room_id = ? AND m.pinned_at IS NOT NULL ORDER BY m.pinned_at DESC, m.id DESC LIMIT ?`,
    ),
    pinCount: db.prepare<[roomId: number], { pins: number }>('SELECT count(*) AS pins FROM messages WHERE room_id = ? AND pinned_at IS NOT NULL'),
    /** Attachments of the messages in a JSON array of ids, in position order within each. */
    attachments: db.prepare<[messageIdsJson: string], Omit<FileRow, 'hasThumbnail'> & { messageId: number; hasThumbnail: number }>(
      `SELECT a.message_id AS messageId, f.id, f.sha256, f.name, f.mime, f.size, f.width, f.height,
         f.has_thumbnail AS hasThumbnail, f.uploader_id AS uploaderId, f.created_at AS createdAt
       FROM message_attachments a JOIN files f ON f.id = a.file_id
       WHERE a.message_id ${IN_IDS} ORDER BY a.message_id, a.position`,
    ),
    /** The messages in a JSON array of ids as replies quote them (their text cut to the excerpt already). */
    quotes: db.prepare<[messageIdsJson: string], QuoteRow>(
      `SELECT m.id, m.room_id AS roomId, m.thread_root_id AS threadRootId, substr(m.body, 1, ${EXCERPT_LENGTH}) AS body,
         m.deleted_at AS deletedAt, u.id AS authorId, u.username AS authorUsername, u.display_name AS authorDisplayName
       FROM ${PAGE_FROM} WHERE m.id ${IN_IDS}`,
    ),
    /** Live replies in the threads started by the messages in a JSON array of ids. */
    replyCounts: db.prepare<[rootIdsJson: string], { rootId: number; count: number }>(
      `SELECT thread_root_id AS rootId, count(*) AS count FROM messages
       WHERE thread_root_id ${IN_IDS} AND deleted_at IS NULL GROUP BY thread_root_id`,
    ),
    /**
     * Reactions to the messages in a JSON array of ids, in the order `groupReactions` takes
     * them, at most REACTION_USERS_SHOWN per emoji: by time, then by user where times tie.
     */
    reactions: db.prepare<[messageIdsJson: string], ReactionRow>(
      `SELECT r.messageId, r.emoji, r.count, u.id, u.username, u.display_name AS displayName
       FROM (
         SELECT message_id AS messageId, emoji, user_id AS userId, created_at AS at,
           count(*) OVER emojiHere AS count, min(created_at) OVER emojiHere AS emojiAt,
           row_number() OVER (emojiHere ORDER BY created_at, user_id) AS n
         FROM message_reactions WHERE message_id ${IN_IDS}
         WINDOW emojiHere AS (PARTITION BY message_id, emoji)
       ) r JOIN users u ON u.id = r.userId
       WHERE r.n <= ${REACTION_USERS_SHOWN} ORDER BY r.messageId, r.emojiAt, r.emoji, r.at, r.userId`,
    ),
    users: db.prepare<[userIdsJson: string], UserFields>(`SELECT id, username, display_name AS displayName FROM users WHERE id ${IN_IDS}`),
    /** How many different emoji the message has, and whether this one is among them. */
    reactionKinds: db.prepare<[emoji: string, messageId: number], { kinds: number; present: number }>(
      'SELECT count(DISTINCT emoji) AS kinds, coalesce(max(emoji = ?), 0) AS present FROM message_reactions WHERE message_id = ?',
    ),
    insertReaction: db.prepare<[messageId: number, userId: number, emoji: string, createdAt: number]>(
      'INSERT INTO message_reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteReaction: db.prepare<[messageId: number, emoji: string, userId: number]>(
      'DELETE FROM message_reactions WHERE message_id = ? AND emoji = ? AND user_id = ?',
    ),
    /** Events after a seq with their messages as they are now, and who made them. */
    eventsAfter: db.prepare<[roomId: number, afterSeq: number, limit: number], LogRow>(
      `SELECT e.seq AS eventSeq, e.type AS eventType, e.detail AS eventDetail,
         a.id AS actorId, a.username AS actorUsername, a.display_name AS actorDisplayName, ${PAGE_COLUMNS}
       FROM events e JOIN messages m ON m.id = e.message_id JOIN users u ON u.id = m.author_id LEFT JOIN users a ON a.id = e.actor_id
       WHERE e.room_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
    ),
  };
}

export type HotStatements = ReturnType<typeof prepareHotStatements>;
