import { type Account, MAX_PINS_PER_ROOM, MAX_REACTIONS_PER_MESSAGE, type Message, type NotificationLevel, type Room, type RoomReader, type RoomRole, type ThreadPage, type User } from '@chat/api-types';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import {
  files,
  messageAttachments,
  messageReactions,
  messages,
  openSqlite,
  type SqliteOptions,
  roomMembers,
  rooms,
  sessions,
  users,
  type MessageRow,
  type UserRow,
  sqliteSchema,
  type SqliteConnection,
} from '@chat/db';
import { readableFile, readableRoom } from './access-conditions.ts';
import { DomainError } from './errors.ts';
import { GroupCommit } from './group-commit.ts';
import { WalCheckpointer } from './sqlite-checkpointer.ts';
import { isRetriedSend, isUniqueViolation, namingRoom } from './sqlite-errors.ts';
import { dropUnattachedFiles } from './sqlite-files.ts';
import { SqliteSearchIndex, type IndexingReports } from './sqlite-search-index.ts';
import { type Known, logActor, MessageHydrator, pageEntry, toQuote } from './sqlite-message-extras.ts';
import { SqliteRoomAdmin } from './sqlite-room-admin.ts';
import { SqliteProfiles } from './sqlite-profiles.ts';
import { RoomLog } from './sqlite-events.ts';
import { prepareHotStatements, type HotStatements, type QuoteRow } from './sqlite-statements.ts';
import { assembleWindow, windowReads } from './history-window.ts';
import { roomListQuery, toRoom, type RoomListRow } from './room-list-query.ts';
import { levelOtherThan, readsBefore, toReader } from './member-marks.ts';
import { aliveSessions, selectedSessions, type SessionsToSelect } from './session-conditions.ts';
import { directKey, isAlive, likePattern, NO_EXTRAS, num, otherMember, toFileRecord, toRoomEvent, toRoomRow, toSessionInfo, toSessionRecord, toUser } from './rows.ts';
import type { ChatStore, FileRecord, HistoryPosition, ProfileRecord, RoomChange, SendMessageInput, SessionSelection, SessionWindow, StoredEvent } from './store.ts';

type SentMessage = Awaited<ReturnType<ChatStore['sendMessage']>>;

const toAccount = (row: UserRow): Account => ({
  user: toUser(row),
  serverAdmin: row.isAdmin,
  deactivated: row.deactivatedAt !== null,
  createdAt: new Date(row.createdAt).toISOString(),
});

/**
 * ChatStore on SQLite. Queries written once for both engines live in access-conditions.ts and
 * room-list-query.ts; the query-builder calls here stay per engine, as the builders are per
 * dialect and SQLite's run synchronously (`.get()`, `.all()`) where PostgreSQL's are awaited.
 */
export class SqliteStore implements ChatStore {
  private readonly conn: SqliteConnection;
  private readonly hot: HotStatements;
  private readonly hydrator: MessageHydrator;
  private readonly log: RoomLog;
  private readonly roomAdmin: SqliteRoomAdmin;
  private readonly profileStore: SqliteProfiles;
  private readonly sends: GroupCommit<SendMessageInput, SentMessage>;
  private readonly checkpointer: WalCheckpointer | null;
  private readonly searchIndex: SqliteSearchIndex;

  constructor(file: string, reports: IndexingReports = {}, options: Pick<SqliteOptions, 'synchronous' | 'migrationsFolder'> = {}) {
    this.conn = openSqlite(file, options);
    this.hot = prepareHotStatements(this.conn.raw);
    this.hydrator = new MessageHydrator(this.hot);
    this.log = new RoomLog(this.hot, this.hydrator);
    this.roomAdmin = new SqliteRoomAdmin(this.conn, this.hot, this.log);
    this.profileStore = new SqliteProfiles(this.conn);
    this.searchIndex = new SqliteSearchIndex(this.conn.raw, reports);
    this.checkpointer = file === ':memory:' ? null : new WalCheckpointer(this.conn.raw, file);
    this.sends = new GroupCommit(
      (body) => this.conn.raw.transaction(body)(),
      (input) => this.storeMessage(input),
    );
  }

  private get db() {
    return this.conn.db;
  }

  async createUser(input: { username: string; displayName: string; passwordHash: string }): Promise<User> {
    try {
      const row = this.db
        .insert(users)
        // Decided within the insert, so two first sign-ups cannot both become the admin.
        .values({ ...input, createdAt: Date.now(), isAdmin: sql`NOT EXISTS (SELECT 1 FROM ${users})` })
        .returning()
        .get();
      return toUser(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('CONFLICT', 'username is already taken');
      throw err;
    }
  }

  async findUserForLogin(username: string) {
    const row = this.db.select().from(users).where(eq(users.username, username)).get();
    return row ? { user: toUser(row), passwordHash: row.passwordHash, deactivated: row.deactivatedAt !== null } : null;
  }

  async getAccount(userId: string): Promise<Account | null> {
    const row = this.db.select().from(users).where(eq(users.id, num(userId))).get();
    return row ? toAccount(row) : null;
  }

  async listAccounts(query: string, limit: number): Promise<Account[]> {
    return this.db.select().from(users).where(this.nameContains(query)).orderBy(asc(users.username)).limit(limit).all().map(toAccount);
  }

  async setDeactivated(input: { userId: string; deactivated: boolean; alive: SessionWindow; now: number }): Promise<string[]> {
    return this.db.transaction(() => {
      const found = this.db
        .update(users)
        .set({ deactivatedAt: input.deactivated ? input.now : null })
        .where(eq(users.id, num(input.userId)))
        .returning({ id: users.id })
        .get();
      if (!found) throw new DomainError('NOT_FOUND', 'user not found');
      return input.deactivated ? this.deleteSessions(input.userId, 'all', input.alive) : [];
    });
  }

  async getUser(userId: string): Promise<User | null> {
    const row = this.db.select().from(users).where(eq(users.id, num(userId))).get();
    return row ? toUser(row) : null;
  }

  async searchUsers(query: string, limit: number): Promise<User[]> {
    return this.db
      .select()
      .from(users)
      .where(and(this.nameContains(query), isNull(users.deactivatedAt)))
      .orderBy(asc(users.username))
      .limit(limit)
      .all()
      .map(toUser);
  }

  /** Users whose username or display name contains the query, whatever its case. */
  private nameContains(query: string) {
    // SQLite has no ILIKE (the PostgreSQL store's match): the query and display names are lower-cased instead.
    const pattern = likePattern(query.toLowerCase());
    return or(sql`${users.username} LIKE ${pattern} ESCAPE '\\'`, sql`lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'`);
  }

  async updateDisplayName(userId: string, displayName: string): Promise<User | null> {
    const row = this.db.update(users).set({ displayName }).where(eq(users.id, num(userId))).returning().get();
    return row ? toUser(row) : null;
  }

  async profiles(userIds: string[]): Promise<ProfileRecord[]> {
    return this.profileStore.profiles(userIds);
  }

  async setStatus(userId: string, status: string): Promise<void> {
    this.profileStore.setStatus(userId, status);
  }

  async setAvatar(userId: string, fileId: string | null): Promise<void> {
    this.profileStore.setAvatar(userId, fileId);
  }

  async avatarFile(fileId: string): Promise<FileRecord | null> {
    return this.profileStore.avatarFile(fileId);
  }

  async usersWithUnusualNames(afterId: string | null, limit: number, longerThan: number): Promise<User[]> {
    const name = users.displayName;
    // SQLite has no regular expressions (the PostgreSQL store's test); GLOB classes say the same.
    return this.db
      .select()
      .from(users)
      .where(
        and(
          afterId === null ? undefined : sql`${users.id} > ${num(afterId)}`,
          sql`(${name} GLOB '*[^ -~]*' OR ${name} GLOB ' *' OR ${name} GLOB '* ' OR ${name} GLOB '*  *' OR length(${name}) > ${longerThan})`,
        ),
      )
      .orderBy(asc(users.id))
      .limit(limit)
      .all()
      .map(toUser);
  }

  async changePassword(input: { userId: string; passwordHash: string; keepSessionId: string; alive: SessionWindow }): Promise<string[]> {
    return this.db.transaction((tx) => {
      tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, num(input.userId))).run();
      return this.deleteSessions(input.userId, { except: input.keepSessionId }, input.alive);
    });
  }

  async createSession(input: { tokenHash: string; userId: string; userAgent: string; now: number; expiresAt: number }): Promise<string> {
    const { now, userId, ...rest } = input;
    const row = this.db
      .insert(sessions)
      .values({ ...rest, userId: num(userId), createdAt: now, lastUsedAt: now })
      .returning({ id: sessions.id })
      .get();
    return String(row.id);
  }

  // Prepared once (sqlite-statements.ts), unlike PostgreSQL's, where a round trip dwarfs building a query.
  async findSession(tokenHash: string, alive: SessionWindow) {
    return toSessionInfo(this.hot.session.get(tokenHash, alive.now, alive.usedAfter));
  }

  async findSessionByFileToken(fileTokenHash: string, alive: SessionWindow) {
    return toSessionInfo(this.hot.sessionByFileToken.get(fileTokenHash, alive.now, alive.usedAfter));
  }

  async setFileToken(sessionId: string, fileTokenHash: string): Promise<void> {
    this.db.update(sessions).set({ fileTokenHash }).where(eq(sessions.id, num(sessionId))).run();
  }

  async listSessions(userId: string, alive: SessionWindow, limit: number) {
    return this.db
      .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
      .from(sessions)
      .where(and(eq(sessions.userId, num(userId)), aliveSessions(sessions, alive)))
      .orderBy(desc(sessions.lastUsedAt), desc(sessions.id))
      .limit(limit)
      .all()
      .map(toSessionRecord);
  }

  async renewSessions(sessionIds: string[], alive: SessionWindow): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    return this.db
      .update(sessions)
      .set({ lastUsedAt: alive.now })
      .where(and(inArray(sessions.id, sessionIds.map(num)), aliveSessions(sessions, alive)))
      .returning({ id: sessions.id })
      .all()
      .map((row) => String(row.id));
  }

  async endSessions(userId: string, which: SessionSelection, alive: SessionWindow): Promise<string[]> {
    return this.deleteSessions(userId, which, alive);
  }

  /** Inside the caller's transaction, if it has one. */
  private deleteSessions(userId: string, which: SessionsToSelect, alive: SessionWindow): string[] {
    return this.db
      .delete(sessions)
      .where(and(eq(sessions.userId, num(userId)), selectedSessions(sessions, which)))
      .returning({ id: sessions.id, expiresAt: sessions.expiresAt, lastUsedAt: sessions.lastUsedAt })
      .all()
      .filter((row) => isAlive(row, alive))
      .map((row) => String(row.id));
  }

  async createRoom(input: { name: string; topic: string; kind: 'public' | 'private'; createdBy: string | null }) {
    return namingRoom(input.name, () =>
      this.db.transaction((tx) => {
        const now = Date.now();
        const room = tx.insert(rooms).values(toRoomRow(input, now)).returning({ id: rooms.id }).get();
        if (input.createdBy !== null) {
          tx.insert(roomMembers).values({ roomId: room.id, userId: num(input.createdBy), joinedAt: now, role: 'owner' }).run();
        }
        return String(room.id);
      }),
    );
  }

  async ensureRoom(input: { name: string; topic: string; kind: 'public' | 'private' }): Promise<string> {
    const nameKey = input.name.toLowerCase();
    this.db
      .insert(rooms)
      .values({ ...input, nameKey, createdAt: Date.now() })
      .onConflictDoNothing()
      .run();
    const row = this.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.nameKey, nameKey)).get();
    if (!row) throw new Error(`room ${input.name} vanished right after it was ensured`);
    return String(row.id);
  }

  async getRoomSummary(roomId: string) {
    const row = this.hot.roomSummary.get(num(roomId));
    return row ? { ...row, id: String(row.id), archived: row.archived === 1 } : null;
  }

  async getRoom(roomId: string, userId: string): Promise<Room | null> {
    return this.selectRooms(userId, num(roomId))[0] ?? null;
  }

  async listRooms(userId: string): Promise<Room[]> {
    return this.selectRooms(userId, null);
  }

  /** Rooms as one user sees them: every public room and the rooms they belong to. */
  private selectRooms(userId: string, roomId: number | null): Room[] {
    const uid = num(userId);
    // SQLite compares text byte by byte already; it has no "C" collation to name.
    const rows = this.db.all<RoomListRow>(roomListQuery(sqliteSchema, uid, roomId, sql`lower(${rooms.name})`));
    return rows.map((r) => toRoom(r, r.dm_key ? this.directRoomName(r.dm_key, uid) : r.name));
  }

  /** One lookup per direct room: in-process, where the PostgreSQL store batches to save round trips. */
  private directRoomName(dmKey: string, viewerId: number): string {
    const other = otherMember(dmKey, viewerId);
    const row = this.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, other)).get();
    return row?.displayName ?? 'Direct message';
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    return this.hot.isMember.get(num(roomId), num(userId)) !== undefined;
  }

  async roleIn(roomId: string, userId: string): Promise<RoomRole | null> {
    return this.hot.member.get(num(roomId), num(userId))?.role ?? null;
  }

  async addMember(roomId: string, userId: string): Promise<void> {
    // Two statements, unlike PostgreSQL's one: no send can commit between them on this connection.
    const lastSeq = this.db.select({ lastSeq: rooms.lastSeq }).from(rooms).where(eq(rooms.id, num(roomId))).get();
    // A newcomer starts with the room's past marked read rather than as hundreds of unread.
    this.db
      .insert(roomMembers)
      .values({ roomId: num(roomId), userId: num(userId), joinedAt: Date.now(), lastReadSeq: lastSeq?.lastSeq ?? 0 })
      .onConflictDoNothing()
      .run();
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    this.db
      .delete(roomMembers)
      .where(and(eq(roomMembers.roomId, num(roomId)), eq(roomMembers.userId, num(userId))))
      .run();
  }

  async listMembers(roomId: string): Promise<{ user: User; role: RoomRole }[]> {
    return this.db
      .select({ id: users.id, username: users.username, displayName: users.displayName, role: roomMembers.role })
      .from(roomMembers)
      .innerJoin(users, eq(users.id, roomMembers.userId))
      .where(eq(roomMembers.roomId, num(roomId)))
      .orderBy(asc(users.displayName))
      .all()
      .map(({ role, ...user }) => ({ user: toUser(user), role }));
  }

  // Room administration lives in sqlite-room-admin.ts.
  async updateRoom(input: RoomChange & { name?: string; topic?: string }): Promise<StoredEvent[]> {
    return this.roomAdmin.updateRoom(input);
  }

  async setArchived(input: RoomChange & { archived: boolean }): Promise<StoredEvent | null> {
    return this.roomAdmin.setArchived(input);
  }

  async setRole(input: RoomChange & { userId: string; role: 'admin' | 'member' }): Promise<StoredEvent | null> {
    return this.roomAdmin.setRole(input);
  }

  async removeMemberBy(input: RoomChange & { userId: string }): Promise<StoredEvent | null> {
    return this.roomAdmin.removeMemberBy(input);
  }

  async deleteRoom(roomId: string): Promise<{ memberIds: string[]; unusedBlobs: string[] }> {
    return this.roomAdmin.deleteRoom(roomId);
  }

  async openDirectRoom(userA: string, userB: string): Promise<string> {
    const { low, high, dmKey } = directKey(userA, userB);
    return this.db.transaction((tx) => {
      const now = Date.now();
      tx.insert(rooms)
        .values({ name: `dm:${dmKey}`, dmKey, kind: 'direct', createdBy: num(userA), createdAt: now })
        .onConflictDoNothing()
        .run();
      const room = tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.dmKey, dmKey)).get();
      if (!room) throw new Error('direct room vanished inside its own transaction');
      for (const userId of new Set([low, high])) {
        tx.insert(roomMembers).values({ roomId: room.id, userId, joinedAt: now }).onConflictDoNothing().run();
      }
      return String(room.id);
    });
  }

  // Grouped into shared commits, as SQLite has one writer; PostgreSQL's sends commit alone, concurrently.
  async sendMessage(input: SendMessageInput): Promise<SentMessage> {
    return this.sends.submit(input);
  }

  /**
   * One send, in a savepoint of its group's transaction (see group-commit.ts). A retry is told
   * by the unique index on (author, clientMsgId) refusing it, which undoes its savepoint: the
   * first attempt's message is then looked up, where asking first would cost every send a read.
   */
  private storeMessage(input: SendMessageInput): SentMessage {
    try {
      return this.insertMessage(input);
    } catch (err) {
      if (!isRetriedSend(err)) throw err;
      const existing = this.hot.messageByClientId.get(num(input.authorId), input.clientMsgId);
      if (!existing) throw err;
      return { message: this.hydrator.one(existing), event: null };
    }
  }

  private insertMessage(input: SendMessageInput): SentMessage {
    return this.conn.raw.transaction(() => {
      const roomId = num(input.roomId);
      const authorId = num(input.authorId);
      const fileIds = [...new Set(input.attachmentIds ?? [])].map(num);
      if (fileIds.length > 0) {
        const own = this.db
          .select({ id: files.id })
          .from(files)
          .where(and(inArray(files.id, fileIds), eq(files.uploaderId, authorId)))
          .all();
        if (own.length !== fileIds.length) {
          throw new DomainError('BAD_REQUEST', 'attachmentIds: only files you uploaded can be attached');
        }
      }
      // Checked before a sequence number is claimed, as the files are: a refused send writes nothing.
      const answered = input.replyToId ? this.answeredMessage(roomId, num(input.replyToId)) : null;
      const seq = this.log.nextSeq(roomId, input.now);
      const threadRootId = answered ? (answered.threadRootId ?? answered.id) : null;
      const row = this.hot.insertMessage.get(roomId, authorId, seq, input.body, input.clientMsgId, input.now, answered?.id ?? null, threadRootId, null) as MessageRow;
      this.searchIndex.schedule();
      if (fileIds.length > 0) {
        this.db
          .insert(messageAttachments)
          .values(fileIds.map((fileId, position) => ({ messageId: row.id, fileId, position })))
          .run();
      }
      // A new message has no replies, reactions or pin yet, and one without files no attachments to look up.
      const known: Known = {
        attachments: fileIds.length === 0 ? [] : undefined,
        extras: answered ? { ...NO_EXTRAS, replyTo: toQuote(answered) } : NO_EXTRAS,
      };
      const event = this.log.append(row, seq, 'created', input.now, known);
      return { message: event.payload.message, event };
    })();
  }

  /** The message a reply answers: in the same room, and not deleted, so that there is something to quote. */
  private answeredMessage(roomId: number, replyToId: number): QuoteRow {
    const [answered] = this.hot.quotes.all(JSON.stringify([replyToId]));
    if (!answered || answered.roomId !== roomId) throw new DomainError('BAD_REQUEST', 'replyToId: no such message in this room');
    if (answered.deletedAt !== null) throw new DomainError('BAD_REQUEST', 'replyToId: that message is deleted');
    return answered;
  }

  async editMessage(input: { messageId: string; body: string; now: number }): Promise<StoredEvent> {
    return this.db.transaction(() => {
      const { id } = this.liveMessage(input.messageId);
      return this.log.record(this.updateMessage(id, { body: input.body, editedAt: input.now }), 'updated', input.now);
    });
  }

  async deleteMessage(input: { messageId: string; now: number }) {
    return this.db.transaction((tx) => {
      const { id } = this.liveMessage(input.messageId);
      // A tombstone shows no reactions and no pin: neither is kept for it.
      const row = this.updateMessage(id, { body: '', deletedAt: input.now, pinnedAt: null, pinnedBy: null });
      tx.delete(messageReactions).where(eq(messageReactions.messageId, id)).run();
      const event = this.log.record(row, 'deleted', input.now);
      const attached = tx.select({ fileId: messageAttachments.fileId }).from(messageAttachments).where(eq(messageAttachments.messageId, id)).all();
      tx.delete(messageAttachments).where(eq(messageAttachments.messageId, id)).run();
      return { event, unusedBlobs: dropUnattachedFiles(this.db, attached.map((a) => a.fileId)) };
    });
  }

  async react(input: { messageId: string; userId: string; emoji: string; add: boolean; now: number }): Promise<StoredEvent | null> {
    return this.db.transaction(() => {
      const message = this.liveMessage(input.messageId);
      const userId = num(input.userId);
      const changed = input.add
        ? this.addReaction(message.id, userId, input.emoji, input.now)
        : this.takeBackReaction(message.id, userId, input.emoji);
      if (!changed) return null;
      return this.log.record(message, input.add ? 'reacted' : 'unreacted', input.now, { userId, detail: input.emoji });
    });
  }

  /** Whether a reaction was added: reacting twice with one emoji is one reaction. */
  private addReaction(messageId: number, userId: number, emoji: string, now: number): boolean {
    // An aggregate without GROUP BY always returns its one row.
    const { kinds, present } = this.hot.reactionKinds.get(emoji, messageId) as { kinds: number; present: number };
    if (!present && kinds >= MAX_REACTIONS_PER_MESSAGE) {
      throw new DomainError('BAD_REQUEST', `emoji: at most ${MAX_REACTIONS_PER_MESSAGE} different reactions on one message`);
    }
    return this.hot.insertReaction.run(messageId, userId, emoji, now).changes > 0;
  }

  /** Whether there was such a reaction to take back. */
  private takeBackReaction(messageId: number, userId: number, emoji: string): boolean {
    return this.hot.deleteReaction.run(messageId, emoji, userId).changes > 0;
  }

  async pin(input: { messageId: string; userId: string; pinned: boolean; now: number }): Promise<StoredEvent | null> {
    return this.db.transaction(() => {
      const message = this.liveMessage(input.messageId);
      if ((message.pinnedAt !== null) === input.pinned) return null;
      if (input.pinned && (this.hot.pinCount.get(message.roomId)?.pins ?? 0) >= MAX_PINS_PER_ROOM) {
        throw new DomainError('BAD_REQUEST', `messageId: a room keeps at most ${MAX_PINS_PER_ROOM} pinned messages`);
      }
      const userId = num(input.userId);
      const pin = input.pinned ? { pinnedAt: input.now, pinnedBy: userId } : { pinnedAt: null, pinnedBy: null };
      return this.log.record(this.updateMessage(message.id, pin), input.pinned ? 'pinned' : 'unpinned', input.now, { userId, detail: null });
    });
  }

  async pinnedMessages(roomId: string, limit: number): Promise<Message[]> {
    return this.hydrator.page(this.hot.pinnedPage.all(num(roomId), limit).map(pageEntry));
  }

  async thread(input: { messageId: string; userId: string; before: number | null; limit: number }): Promise<ThreadPage | null> {
    // One transaction: the first message, the replies and the read marker as they were at one moment.
    return this.db.transaction(() => {
      const root = this.hot.threadRoot.get(num(input.messageId));
      if (!root) return null;
      // One reply more than the page keeps, to learn whether older ones are left.
      const newestFirst = this.hot.threadBelow.all(root.id, input.before ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
      const replies = newestFirst.slice(0, input.limit).reverse();
      const [first, ...answers] = this.hydrator.page([root, ...replies].map(pageEntry));
      const oldest = replies[0];
      return {
        root: first as Message,
        replies: answers,
        nextCursor: oldest && newestFirst.length > input.limit ? String(oldest.seq) : null,
        lastReadSeq: this.hot.threadRead.get(num(input.userId), root.id)?.lastReadSeq ?? 0,
      };
    });
  }

  async markThreadRead(input: { messageId: string; userId: string }): Promise<void> {
    this.hot.markThreadRead.run(num(input.userId), num(input.messageId));
  }

  /** The message a change is made to; a tombstone takes none. */
  private liveMessage(messageId: string): MessageRow {
    const current = this.hot.messageById.get(num(messageId));
    if (!current) throw new DomainError('NOT_FOUND', 'message not found');
    if (current.deletedAt !== null) throw new DomainError('BAD_REQUEST', 'message is deleted');
    return current;
  }

  private updateMessage(id: number, patch: Partial<Pick<MessageRow, 'body' | 'editedAt' | 'deletedAt' | 'pinnedAt' | 'pinnedBy'>>): MessageRow {
    const row = this.db.update(messages).set(patch).where(eq(messages.id, id)).returning().get();
    if (!row) throw new DomainError('NOT_FOUND', 'message not found');
    return row;
  }

  async getMessage(messageId: string): Promise<Message | null> {
    const row = this.hot.messageById.get(num(messageId));
    return row ? (this.hydrator.page([pageEntry(row)])[0] as Message) : null;
  }

  async history(input: { roomId: string; position: HistoryPosition; limit: number }) {
    const roomId = num(input.roomId);
    const reads = windowReads(input.position, input.limit);
    // Prepared pages (sqlite-statements.ts): every room opened reads one.
    return this.db.transaction(() => {
      const older = reads.older
        ? this.hot.pageBelow.all(roomId, reads.older.below ?? Number.MAX_SAFE_INTEGER, reads.older.take).map(pageEntry)
        : [];
      const newer = reads.newer ? this.hot.pageFrom.all(roomId, reads.newer.from, reads.newer.take).map(pageEntry) : [];
      const room = this.hot.roomSummary.get(roomId);
      const { page, nextCursor, newerCursor } = assembleWindow(input.position, input.limit, older, newer);
      return { messages: this.hydrator.page(page), nextCursor, newerCursor, lastEventId: String(room?.lastSeq ?? 0) };
    });
  }

  async eventsAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    // Prepared (sqlite-statements.ts): every resumed subscription reads the log.
    const rows = this.hot.eventsAfter.all(num(roomId), afterSeq, limit);
    const current = this.hydrator.page(rows.map(pageEntry));
    return rows.map((r, i) => ({ roomId, seq: r.eventSeq, payload: toRoomEvent(r.eventType, current[i] as Message, logActor(r), r.eventDetail) }));
  }

  async markRead(input: { roomId: string; userId: string; seq: number }): Promise<boolean> {
    const moved = this.db
      .update(roomMembers)
      .set({ lastReadSeq: input.seq })
      .where(readsBefore(sqliteSchema, input.roomId, input.userId, input.seq))
      .run();
    return moved.changes > 0;
  }

  async readMarkers(roomId: string, limit?: number): Promise<RoomReader[]> {
    const rows = this.db
      .select({ userId: roomMembers.userId, lastReadSeq: roomMembers.lastReadSeq })
      .from(roomMembers)
      .where(eq(roomMembers.roomId, num(roomId)))
      .orderBy(asc(roomMembers.userId));
    return (limit === undefined ? rows : rows.limit(limit)).all().map(toReader);
  }

  async setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean> {
    const changed = this.db
      .update(roomMembers)
      .set({ notificationLevel: level })
      .where(levelOtherThan(sqliteSchema, roomId, userId, level))
      .run();
    return changed.changes > 0;
  }

  async searchMessages(input: { userId: string; query: string; roomId: string | null; limit: number }) {
    const uid = num(input.userId);
    // Trigram matching needs three characters; shorter queries fall back to a LIKE scan.
    const useIndex = [...input.query].length >= 3;
    if (useIndex) this.searchIndex.catchUp();
    const matches = useIndex
      ? sql`${messages.id} IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${`"${input.query.replaceAll('"', '""')}"`})`
      : sql`${messages.body} LIKE ${likePattern(input.query)} ESCAPE '\\'`;
    const rows = this.db
      .select({
        message: messages,
        author: { id: users.id, username: users.username, displayName: users.displayName },
        roomName: rooms.name,
        roomKind: rooms.kind,
        dmKey: rooms.dmKey,
      })
      .from(messages)
      .innerJoin(rooms, eq(rooms.id, messages.roomId))
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(
        and(
          matches,
          readableRoom(sqliteSchema, uid),
          sql`${messages.deletedAt} IS NULL`,
          // Notices are indexed with the rest (the index is fed by id range) but are no one's words.
          isNull(messages.notice),
          input.roomId === null ? undefined : eq(messages.roomId, num(input.roomId)),
        ),
      )
      .orderBy(desc(messages.id))
      .limit(input.limit)
      .all();
    const hydrated = this.hydrator.page(rows);
    return rows.map((r, i) => ({
      message: hydrated[i] as Message,
      roomName: r.dmKey ? this.directRoomName(r.dmKey, uid) : r.roomName,
    }));
  }

  async createFile(input: Omit<FileRecord, 'id'>): Promise<FileRecord> {
    const row = this.db
      .insert(files)
      .values({ ...input, uploaderId: num(input.uploaderId) })
      .returning()
      .get();
    return toFileRecord(row);
  }

  async getFile(fileId: string): Promise<FileRecord | null> {
    const row = this.db.select().from(files).where(eq(files.id, num(fileId))).get();
    return row ? toFileRecord(row) : null;
  }

  async mayReadFile(fileId: string, userId: string): Promise<boolean> {
    const readable = and(eq(files.id, num(fileId)), readableFile(sqliteSchema, num(userId)));
    return this.db.select({ id: files.id }).from(files).where(readable).get() !== undefined;
  }

  async deleteUnattachedFiles(createdBefore: number): Promise<string[]> {
    // No FOR UPDATE as in PostgreSQL: SQLite has no row locks, and no send runs inside this call.
    return this.db.transaction((tx) => {
      const orphans = tx
        .select({ id: files.id })
        .from(files)
        .leftJoin(messageAttachments, eq(messageAttachments.fileId, files.id))
        .where(and(lt(files.createdAt, createdBefore), isNull(messageAttachments.fileId)))
        .all();
      return dropUnattachedFiles(this.db, orphans.map((o) => o.id));
    });
  }

  async hasFileWithContent(sha256: string): Promise<boolean> {
    return this.db.select({ id: files.id }).from(files).where(eq(files.sha256, sha256)).limit(1).get() !== undefined;
  }

  async uploadedBytes(userId: string): Promise<number> {
    const row = this.db.select({ total: sql<number>`coalesce(sum(${files.size}), 0)` }).from(files).where(eq(files.uploaderId, num(userId))).get();
    return row?.total ?? 0;
  }

  async ping(): Promise<void> {
    this.conn.raw.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    try {
      this.searchIndex.catchUp();
    } finally {
      await this.checkpointer?.stop();
      this.conn.close();
    }
  }
}
