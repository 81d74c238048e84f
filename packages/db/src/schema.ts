import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are epoch milliseconds in storage; the API turns them into ISO-8601 strings.

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    // The server's first account: it looks after every room and every account.
    isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
    // A deactivated account signs in no more and has no sessions; its messages stay.
    deactivatedAt: integer('deactivated_at'),
    // A short line others see beside the name ("on holiday until Monday"); empty for none.
    status: text('status').notNull().default(''),
    // The upload whose square thumbnails are the user's picture; null: initials are shown.
    avatarFileId: integer('avatar_file_id').references((): AnySQLiteColumn => files.id, { onDelete: 'set null' }),
  },
  // Partial: few users have a picture. Serving one, and deleting any file (the key's SET NULL), look it up.
  (t) => [index('users_avatar_file_idx').on(t.avatarFileId).where(sql`avatar_file_id IS NOT NULL`)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // SHA-256 of the token: a stolen database does not hand out working tokens.
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    // The absolute end, however much the session is used; idleness ends it earlier.
    expiresAt: integer('expires_at').notNull(),
    // Written at most once per renewal interval, not per request. The migration sets the
    // sessions it finds to the time of the upgrade, so none ends by idleness at once.
    lastUsedAt: integer('last_used_at').notNull().default(0),
    // The sign-in's User-Agent, cut short; shown to its owner as the session's device.
    userAgent: text('user_agent').notNull().default(''),
    // SHA-256 of the token of the file cookie, which is good for file downloads only.
    fileTokenHash: text('file_token_hash').unique(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    // Lower-cased name, unique among public and private rooms; null for direct rooms.
    nameKey: text('name_key').unique(),
    // "<smaller user id>:<larger user id>" so one pair always maps to one direct room.
    dmKey: text('dm_key').unique(),
    topic: text('topic').notNull().default(''),
    kind: text('kind', { enum: ['public', 'private', 'direct'] }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    // The room's event sequence: bumped in the same transaction that stores each event.
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: integer('last_message_at'),
    // Read-only from then on: no sends, reactions or pins; still read and searched.
    archivedAt: integer('archived_at'),
  },
);

export const roomMembers = sqliteTable(
  'room_members',
  {
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: integer('joined_at').notNull(),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull().default('member'),
    // What of the room notifies this member; null: by its kind (direct rooms everything, others mentions).
    notificationLevel: text('notification_level', { enum: ['all', 'mentions', 'muted'] }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The room sequence number of the event that created the message; history pages by it.
    seq: integer('seq').notNull(),
    body: text('body').notNull(),
    clientMsgId: text('client_msg_id').notNull(),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    deletedAt: integer('deleted_at'),
    // The message this one answers, and the first message of the thread that answer joins.
    replyToId: integer('reply_to_id').references((): AnySQLiteColumn => messages.id, { onDelete: 'set null' }),
    threadRootId: integer('thread_root_id').references((): AnySQLiteColumn => messages.id, { onDelete: 'set null' }),
    pinnedAt: integer('pinned_at'),
    pinnedBy: integer('pinned_by').references(() => users.id, { onDelete: 'set null' }),
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
  ],
);

export const events = sqliteTable(
  'events',
  {
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type', { enum: ['created', 'updated', 'deleted', 'reacted', 'unreacted', 'pinned', 'unpinned'] }).notNull(),
    // No foreign key: a message's events go only with its room (by room_id), and a key here would
    // make deleting a room look every one of its messages up in the whole log.
    messageId: integer('message_id').notNull(),
    // Who reacted or pinned, and the emoji of a reaction: what the message row does not keep.
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    detail: text('detail'),
    createdAt: integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.seq] })],
);

/** One user's reaction with one emoji to one message: its key makes reacting twice one reaction. */
export const messageReactions = sqliteTable(
  'message_reactions',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] })],
);

/** How far a user has read a thread: the seq of the last reply they have seen. */
export const threadReads = sqliteTable(
  'thread_reads',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rootId: integer('root_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
  },
  // By thread too: deleting a room's messages looks up their readers.
  (t) => [primaryKey({ columns: [t.userId, t.rootId] }), index('thread_reads_root_idx').on(t.rootId)],
);

/** An uploaded file: metadata here, bytes on disk under DATA_DIR/files, addressed by SHA-256. */
export const files = sqliteTable(
  'files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    // Sniffed from the content, never taken from the client.
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    hasThumbnail: integer('has_thumbnail', { mode: 'boolean' }).notNull().default(false),
    uploaderId: integer('uploader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256), index('files_uploader_idx').on(t.uploaderId)],
);

export const messageAttachments = sqliteTable(
  'message_attachments',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.fileId] }), index('message_attachments_file_idx').on(t.fileId)],
);

export type UserRow = typeof users.$inferSelect;
export type FileRow = typeof files.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type RoomMemberRow = typeof roomMembers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type ReactionRow = typeof messageReactions.$inferSelect;
export type RoomKind = RoomRow['kind'];
export type EventType = EventRow['type'];
