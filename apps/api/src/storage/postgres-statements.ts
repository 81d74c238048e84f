import type { FileRow, MessageRow, UserRow } from '@chat/db';
import pg from 'pg';
import { EXCERPT_LENGTH } from './rows.ts';
import type { RoomSummary } from './store.ts';

/** The pool (or anything else that runs a query). */
export type Queryable = Pick<pg.Pool, 'query'>;

const INT8 = 20;
/** int8 columns as numbers, as drizzle's `bigint({ mode: 'number' })` has them: ids and times stay below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A statement PostgreSQL parses and plans once per connection (under its name) and then only
 * runs, and that the server reads without drizzle building it first: on the hot path both
 * costs are larger than running the statement.
 */
function statement<P extends unknown[], R extends pg.QueryResultRow>(name: string, text: string) {
  return async (q: Queryable, ...values: P): Promise<R[]> => (await q.query<R>({ name, text, values, types })).rows;
}

const MESSAGE_COLUMNS = `id, room_id AS "roomId", author_id AS "authorId", seq, body,
  client_msg_id AS "clientMsgId", created_at AS "createdAt", edited_at AS "editedAt", deleted_at AS "deletedAt",
  reply_to_id AS "replyToId", thread_root_id AS "threadRootId", pinned_at AS "pinnedAt", pinned_by AS "pinnedBy", notice`;

/** A user `u` as a JSON object with UserRow's keys. */
const userJson = (u: string) => `json_build_object('id', ${u}.id, 'username', ${u}.username, 'displayName', ${u}.display_name)`;

/** A file as a JSON object with FileRow's keys (attachments ride along in a message's row). */
const FILE_JSON = `json_build_object('id', f.id, 'sha256', f.sha256, 'name', f.name, 'mime', f.mime, 'size', f.size,
  'width', f.width, 'height', f.height, 'hasThumbnail', f.has_thumbnail, 'uploaderId', f.uploader_id, 'createdAt', f.created_at)`;

type UserFields = Pick<UserRow, 'id' | 'username' | 'displayName'>;

/** What the batch statement found and did for one send. */
export interface SendRow {
  /** A message of this author with this clientMsgId that was there already. */
  earlierId: number | null;
  filesOwned: boolean;
  /** Why the reply cannot answer its `replyToId`: no such message in the room, or it is deleted; null for none. */
  replyRefused: 'missing' | 'deleted' | null;
  /** The message stored, null if none was (an earlier one, files not the author's, a refused reply, no such room or an archived one). */
  stored:
    | (MessageRow & {
        author: UserFields;
        attachments: FileRow[];
        /** The answered message, its body cut to the excerpt already. */
        replyTo: (Pick<MessageRow, 'id' | 'body' | 'deletedAt'> & { author: UserFields }) | null;
      })
    | null;
}

/** A session row found by one of its token hashes, alive at $2 and used after $3, with its user, whose account is active. */
type SessionRow = { sessionId: number; expiresAt: number; id: number; username: string; displayName: string };
const sessionBy = (column: 'token_hash' | 'file_token_hash') =>
  statement<[hash: string, now: number, usedAfter: number], SessionRow>(
    `chat_session_by_${column}`,
    `SELECT s.id AS "sessionId", s.expires_at AS "expiresAt", u.id, u.username, u.display_name AS "displayName"
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.${column} = $1 AND s.expires_at > $2 AND s.last_used_at > $3
       AND u.deactivated_at IS NULL`,
  );

export const hot = {
  /** Every socket and HTTP request looks its session up. */
  session: sessionBy('token_hash'),
  sessionByFileToken: sessionBy('file_token_hash'),
  roomSummary: statement<[roomId: number], Omit<RoomSummary, 'id'> & { id: number }>(
    'chat_room_summary',
    'SELECT id, name, topic, kind, last_seq AS "lastSeq", archived_at IS NOT NULL AS archived FROM rooms WHERE id = $1',
  ),
  isMember: statement<[roomId: number, userId: number], { ok: number }>(
    'chat_is_member',
    'SELECT 1 AS ok FROM room_members WHERE room_id = $1 AND user_id = $2',
  ),
  /**
   * A batch of sends (postgres-send-batches.ts) in one round trip and one implicit transaction:
   * for each, in the order given, the room's next sequence number, the message, its files and
   * its `created` event — or nothing, if this author already sent this clientMsgId, attaches a
   * file not their own, answers a message that is deleted or not in the room, or names no room
   * or an archived one.
   * Input i is element i of each array (`replyToIds` null for no reply); its files are the
   * `fileIds` whose `fileOf` is i (1-based), in order. One result row per input, in order.
   *
   * The rooms' rows are locked in id order (no deadlock with another batch) and stay locked
   * until the statement commits, so each room's events commit in sequence order. An archived
   * room's row is not locked, so its sends take no number: archiving, which holds the row while
   * it commits, is seen here, as the lock re-reads a row it waited for. A concurrent
   * send of the same clientMsgId that committed first makes the message INSERT fail on the
   * unique index (no ON CONFLICT: the failure rolls back the batch's sequence numbers with
   * everything else), as does the foreign key of a reply whose answered message is gone.
   */
  sendBatch: statement<
    [
      roomIds: number[],
      authorIds: number[],
      bodies: string[],
      clientMsgIds: string[],
      nows: number[],
      replyToIds: (number | null)[],
      fileOf: number[],
      fileIds: number[],
    ],
    SendRow
  >(
    'chat_send_batch',
    `WITH input AS (
       SELECT * FROM unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::int8[], $6::int8[])
         WITH ORDINALITY AS i(room_id, author_id, body, client_msg_id, now, reply_to_id, n)
     ), input_files AS (
       SELECT * FROM unnest($7::int8[], $8::int8[]) WITH ORDINALITY AS a(n, file_id, k)
     ), checked AS (
       SELECT i.*,
         (SELECT m.id FROM messages m WHERE m.author_id = i.author_id AND m.client_msg_id = i.client_msg_id) AS earlier_id,
         NOT EXISTS (SELECT FROM input_files a LEFT JOIN files f ON f.id = a.file_id AND f.uploader_id = i.author_id
                     WHERE a.n = i.n AND f.id IS NULL) AS files_owned,
         CASE WHEN i.reply_to_id IS NULL THEN NULL WHEN t.id IS NULL THEN 'missing' WHEN t.deleted_at IS NOT NULL THEN 'deleted' END AS reply_refused,
         -- A reply to a reply joins the thread of the message that started it.
         coalesce(t.thread_root_id, t.id) AS thread_root_id
       FROM input i LEFT JOIN messages t ON t.id = i.reply_to_id AND t.room_id = i.room_id
     ), fresh AS (
       SELECT * FROM checked WHERE earlier_id IS NULL AND files_owned AND reply_refused IS NULL
     ), locked AS (
       SELECT r.id FROM rooms r WHERE r.id IN (SELECT room_id FROM fresh) AND r.archived_at IS NULL ORDER BY r.id FOR NO KEY UPDATE
     ), bump AS (
       UPDATE rooms r SET last_seq = r.last_seq + c.count, last_message_at = c.last_at
       FROM locked l, (SELECT room_id, count(*) AS count, (array_agg(now ORDER BY n DESC))[1] AS last_at FROM fresh GROUP BY room_id) c
       WHERE r.id = l.id AND c.room_id = l.id
       RETURNING r.id, r.last_seq - c.count AS base
     ), numbered AS (
       SELECT f.*, b.base + row_number() OVER (PARTITION BY f.room_id ORDER BY f.n) AS seq FROM fresh f JOIN bump b ON b.id = f.room_id
     ), stored AS (
       INSERT INTO messages (room_id, author_id, seq, body, client_msg_id, created_at, reply_to_id, thread_root_id)
       SELECT room_id, author_id, seq, body, client_msg_id, now, reply_to_id, thread_root_id FROM numbered ORDER BY n
       RETURNING ${MESSAGE_COLUMNS}
     ), attached AS (
       INSERT INTO message_attachments (message_id, file_id, position)
       SELECT s.id, a.file_id, row_number() OVER (PARTITION BY a.n ORDER BY a.k) - 1
       FROM stored s JOIN numbered nb ON nb.room_id = s."roomId" AND nb.seq = s.seq JOIN input_files a ON a.n = nb.n
     ), logged AS (
       INSERT INTO events (room_id, seq, type, message_id, created_at)
       SELECT "roomId", seq, 'created', id, "createdAt" FROM stored
     )
     SELECT c.earlier_id AS "earlierId", c.files_owned AS "filesOwned", c.reply_refused AS "replyRefused",
       (SELECT json_build_object(
          'id', s.id, 'roomId', s."roomId", 'authorId', s."authorId", 'seq', s.seq, 'body', s.body, 'clientMsgId', s."clientMsgId",
          'createdAt', s."createdAt", 'editedAt', s."editedAt", 'deletedAt', s."deletedAt", 'replyToId', s."replyToId",
          'threadRootId', s."threadRootId", 'pinnedAt', s."pinnedAt", 'pinnedBy', s."pinnedBy", 'notice', s.notice,
          'author', ${userJson('u')},
          'attachments', (SELECT coalesce(json_agg(${FILE_JSON} ORDER BY a.k), '[]') FROM input_files a JOIN files f ON f.id = a.file_id WHERE a.n = c.n),
          'replyTo', (SELECT json_build_object('id', t.id, 'body', left(t.body, ${EXCERPT_LENGTH}), 'deletedAt', t.deleted_at, 'author', ${userJson('tu')})
                      FROM messages t JOIN users tu ON tu.id = t.author_id WHERE t.id = s."replyToId"))
        FROM stored s JOIN numbered nb ON nb.room_id = s."roomId" AND nb.seq = s.seq JOIN users u ON u.id = s."authorId"
        WHERE nb.n = c.n) AS stored
     FROM checked c ORDER BY c.n`,
  ),
};
