import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

// The PostgreSQL twin of schema.ts: same tables, columns and row types (ids are numbers, times
// epoch milliseconds), so the store's row → API helpers serve both engines. schema-parity.test-d.ts
// and schema-parity.test.ts fail when the two drift apart.

const millis = (name: string) => bigint(name, { mode: 'number' });
// Ids and sequence numbers are 64-bit: the API accepts ids of up to 16 digits, and an
// out-of-range parameter must find nothing rather than fail the query.
const int64 = (name: string) => bigint(name, { mode: 'number' });

export const users = pgTable(
  'users',
  {
    id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: millis('created_at').notNull(),
    // The server's first account: it looks after every room and every account.
    isAdmin: boolean('is_admin').notNull().default(false),
    // A deactivated account signs in no more and has no sessions; its messages stay.
    deactivatedAt: millis('deactivated_at'),
    // A short line others see beside the name ("on holiday until Monday"); empty for none.
    status: text('status').notNull().default(''),
    // The upload whose square thumbnails are the user's picture; null: initials are shown.
    avatarFileId: int64('avatar_file_id').references((): AnyPgColumn => files.id, { onDelete: 'set null' }),
  },
  // Partial: few users have a picture. Serving one, and deleting any file (the key's SET NULL), look it up.
  (t) => [index('users_avatar_file_idx').on(t.avatarFileId).where(sql`avatar_file_id IS NOT NULL`)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
    // SHA-256 of the token: a stolen database does not hand out working tokens.
    tokenHash: text('token_hash').notNull().unique(),
    userId: int64('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: millis('created_at').notNull(),
    // The absolute end, however much the session is used; idleness ends it earlier.
    expiresAt: millis('expires_at').notNull(),
    // Written at most once per renewal interval, not per request. The migration sets the
    // sessions it finds to the time of the upgrade, so none ends by idleness at once.
    lastUsedAt: millis('last_used_at').notNull().default(0),
    // The sign-in's User-Agent, cut short; shown to its owner as the session's device.
    userAgent: text('user_agent').notNull().default(''),
    // SHA-256 of the token of the file cookie, which is good for file downloads only.
    fileTokenHash: text('file_token_hash').unique(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const rooms = pgTable('rooms', {
  id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  // Lower-cased name, unique among public and private rooms; null for direct rooms.
  nameKey: text('name_key').unique(),
  // "<smaller user id>:<larger user id>" so one pair always maps to one direct room.
  dmKey: text('dm_key').unique(),
  topic: text('topic').notNull().default(''),
  kind: text('kind', { enum: ['public', 'private', 'direct'] }).notNull(),
  createdBy: int64('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: millis('created_at').notNull(),
  // The room's event sequence. Bumped by `UPDATE … RETURNING` in the transaction that stores
  // the event: the row lock is held until commit, so events commit in sequence order.
  lastSeq: int64('last_seq').notNull().default(0),
  lastMessageAt: millis('last_message_at'),
  // Read-only from then on: no sends, reactions or pins; still read and searched.
  archivedAt: millis('archived_at'),
});

export const roomMembers = pgTable(
  'room_members',
  {
    roomId: int64('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: int64('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: millis('joined_at').notNull(),
    lastReadSeq: int64('last_read_seq').notNull().default(0),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull().default('member'),
    // What of the room notifies this member; null: by its kind (direct rooms everything, others mentions).
    notificationLevel: text('notification_level', { enum: ['all', 'mentions', 'muted'] }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
    roomId: int64('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorId: int64('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The room sequence number of the event that created the message; history pages by it.
    seq: int64('seq').notNull(),
    body: text('body').notNull(),
    clientMsgId: text('client_msg_id').notNull(),
    createdAt: millis('created_at').notNull(),
    editedAt: millis('edited_at'),
    deletedAt: millis('deleted_at'),
    // The message this one answers, and the first message of the thread that answer joins.
    replyToId: int64('reply_to_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    threadRootId: int64('thread_root_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    pinnedAt: millis('pinned_at'),
    pinnedBy: int64('pinned_by').references(() => users.id, { onDelete: 'set null' }),
    // A notice of a change to the room (RoomNotice as JSON), written by the server; null on what people write.
    notice: text('notice'),
  },
  (t) => [
    uniqueIndex('messages_room_seq_idx').on(t.roomId, t.seq),
    uniqueIndex('messages_author_client_msg_idx').on(t.authorId, t.clientMsgId),
    // Partial: a message that is no reply, or not pinned, writes no page of these on its way in.
    index('messages_thread_idx').on(t.threadRootId, t.seq).where(sql`thread_root_id IS NOT NULL`),
    // Deleting a message (with its room) looks up the replies that quote it.
    index('messages_reply_idx').on(t.replyToId).where(sql`reply_to_id IS NOT NULL`),
    index('messages_pinned_idx').on(t.roomId, t.pinnedAt).where(sql`pinned_at IS NOT NULL`),
    // Trigram index (pg_trgm, created by the first migration): ILIKE '%part%' on any 3+ characters
    // uses it, like SQLite's trigram FTS table.
    index('messages_body_trgm_idx').using('gin', t.body.op('gin_trgm_ops')),
  ],
);

export const events = pgTable(
  'events',
  {
    roomId: int64('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    seq: int64('seq').notNull(),
    type: text('type', { enum: ['created', 'updated', 'deleted', 'reacted', 'unreacted', 'pinned', 'unpinned'] }).notNull(),
    // No foreign key: a message's events go only with its room (by room_id), and a key here would
    // make deleting a room look every one of its messages up in the whole log.
    messageId: int64('message_id').notNull(),
    // Who reacted or pinned, and the emoji of a reaction: what the message row does not keep.
    actorId: int64('actor_id').references(() => users.id, { onDelete: 'set null' }),
    detail: text('detail'),
    createdAt: millis('created_at')
      .notNull()
      .default(sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.seq] })],
);

/** One user's reaction with one emoji to one message: its key makes reacting twice one reaction. */
export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: int64('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: int64('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] })],
);

/** How far a user has read a thread: the seq of the last reply they have seen. */
export const threadReads = pgTable(
  'thread_reads',
  {
    userId: int64('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rootId: int64('root_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    lastReadSeq: int64('last_read_seq').notNull().default(0),
  },
  // By thread too: deleting a room's messages looks up their readers.
  (t) => [primaryKey({ columns: [t.userId, t.rootId] }), index('thread_reads_root_idx').on(t.rootId)],
);

/** An uploaded file: metadata here, bytes on disk under DATA_DIR/files, addressed by SHA-256. */
export const files = pgTable(
  'files',
  {
    id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    // Sniffed from the content, never taken from the client.
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    hasThumbnail: boolean('has_thumbnail').notNull().default(false),
    uploaderId: int64('uploader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256), index('files_uploader_idx').on(t.uploaderId)],
);

export const messageAttachments = pgTable(
  'message_attachments',
  {
    messageId: int64('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    fileId: int64('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.fileId] }), index('message_attachments_file_idx').on(t.fileId)],
);
