import type { Attachment, Message, Room, RoomEvent, User } from '@chat/api-types';
import { and, asc, desc, eq, gt, gte, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { openPostgres, pgSchema, type PgConnection, type PgDb } from '@chat/db/postgres';
import { readableFile, readableRoom } from './access-conditions.ts';
import { DomainError, sqlStateOf } from './errors.ts';
import { assembleWindow, windowReads } from './history-window.ts';
import { roomListQuery, toRoom, type RoomListRow } from './room-list-query.ts';
import { aliveSessions, selectedSessions } from './session-conditions.ts';
import { PostgresSends } from './postgres-sends.ts';
import { hot } from './postgres-statements.ts';
import { directKey, groupAttachments, isAlive, likePattern, num, otherMember, toFileRecord, toMessage, toRoomRow, toSessionInfo, toSessionRecord, toUser } from './rows.ts';
import type { ChatStore, FileRecord, HistoryPosition, SendMessageInput, SessionSelection, SessionWindow, StoredEvent } from './store.ts';

const { events, files, messageAttachments, messages, roomMembers, rooms, sessions, users } = pgSchema;

type MessageRow = typeof messages.$inferSelect;
type EventType = RoomEvent['type'];
/** The pool or one transaction: reads inside a transaction must use its connection. */
type Q = PgDb | Parameters<Parameters<PgDb['transaction']>[0]>[0];

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) => sqlStateOf(err) === UNIQUE_VIOLATION;

const authorColumns = { id: users.id, username: users.username, displayName: users.displayName };

/**
 * ChatStore on PostgreSQL. Each event's sequence number comes from `UPDATE rooms SET last_seq =
 * last_seq + n … RETURNING` inside the transaction that stores the event (for sends, the one
 * statement that stores a batch of them: postgres-sends.ts): the room's row stays locked until
 * commit, so a room's events commit in sequence order and a reader that has seen event N has
 * seen every event before it. Search is ILIKE over a pg_trgm GIN index.
 *
 * The statements of every send run prepared, without drizzle (postgres-statements.ts); the
 * rest are built per call. Queries written once for both engines live in access-conditions.ts and room-list-query.ts; the
 * query-builder calls here stay per engine, as the builders are per dialect and PostgreSQL's are
 * awaited where SQLite's run synchronously.
 */
export class PostgresStore implements ChatStore {
  private readonly sends: PostgresSends;

  private constructor(private readonly conn: PgConnection) {
    this.sends = new PostgresSends(conn.pool, (authorId, clientMsgId) => this.sentBefore(authorId, clientMsgId));
  }

  static async open(url: string, opts: { onConnectionError?: (err: Error) => void; max?: number } = {}): Promise<PostgresStore> {
    return new PostgresStore(await openPostgres(url, opts));
  }

  private get db(): PgDb {
    return this.conn.db;
  }

  async createUser(input: { username: string; displayName: string; passwordHash: string }): Promise<User> {
    try {
      const [row] = await this.db
        .insert(users)
        .values({ ...input, createdAt: Date.now() })
        .returning(authorColumns);
      return toUser(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('CONFLICT', 'username is already taken');
      throw err;
    }
  }

  async findUserForLogin(username: string) {
    const [row] = await this.db.select().from(users).where(eq(users.username, username));
    return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
  }

  async getUser(userId: string): Promise<User | null> {
    const [row] = await this.db.select(authorColumns).from(users).where(eq(users.id, num(userId)));
    return row ? toUser(row) : null;
  }

  async searchUsers(query: string, limit: number): Promise<User[]> {
    // ILIKE, as LIKE is case-sensitive here; COLLATE "C" orders by code point, as SQLite does.
    const pattern = likePattern(query);
    const rows = await this.db
      .select(authorColumns)
      .from(users)
      .where(or(ilike(users.username, pattern), ilike(users.displayName, pattern)))
      .orderBy(sql`${users.username} COLLATE "C"`)
      .limit(limit);
    return rows.map(toUser);
  }

  async updateDisplayName(userId: string, displayName: string): Promise<User | null> {
    const [row] = await this.db.update(users).set({ displayName }).where(eq(users.id, num(userId))).returning(authorColumns);
    return row ? toUser(row) : null;
  }

  async usersWithUnusualNames(afterId: string | null, limit: number, longerThan: number): Promise<User[]> {
    const name = users.displayName;
    // PostgreSQL has no GLOB (the SQLite store's test); a regular expression says the same.
    const rows = await this.db
      .select(authorColumns)
      .from(users)
      .where(
        and(
          afterId === null ? undefined : gt(users.id, num(afterId)),
          sql`(${name} ~ '[^ -~]' OR ${name} LIKE ' %' OR ${name} LIKE '% ' OR ${name} LIKE '%  %' OR char_length(${name}) > ${longerThan})`,
        ),
      )
      .orderBy(asc(users.id))
      .limit(limit);
    return rows.map(toUser);
  }

  async changePassword(input: { userId: string; passwordHash: string; keepSessionId: string; alive: SessionWindow }): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, num(input.userId)));
      return this.deleteSessions(tx, input.userId, { except: input.keepSessionId }, input.alive);
    });
  }

  async createSession(input: { tokenHash: string; userId: string; userAgent: string; now: number; expiresAt: number }): Promise<string> {
    const { now, userId, ...rest } = input;
    const [row] = await this.db
      .insert(sessions)
      .values({ ...rest, userId: num(userId), createdAt: now, lastUsedAt: now })
      .returning({ id: sessions.id });
    return String(row!.id);
  }

  async findSession(tokenHash: string, alive: SessionWindow) {
    return toSessionInfo((await hot.session(this.conn.pool, tokenHash, alive.now, alive.usedAfter))[0]);
  }

  async findSessionByFileToken(fileTokenHash: string, alive: SessionWindow) {
    return toSessionInfo((await hot.sessionByFileToken(this.conn.pool, fileTokenHash, alive.now, alive.usedAfter))[0]);
  }

  async setFileToken(sessionId: string, fileTokenHash: string): Promise<void> {
    await this.db.update(sessions).set({ fileTokenHash }).where(eq(sessions.id, num(sessionId)));
  }

  async listSessions(userId: string, alive: SessionWindow, limit: number) {
    const rows = await this.db
      .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
      .from(sessions)
      .where(and(eq(sessions.userId, num(userId)), aliveSessions(sessions, alive)))
      .orderBy(desc(sessions.lastUsedAt), desc(sessions.id))
      .limit(limit);
    return rows.map(toSessionRecord);
  }

  async renewSessions(sessionIds: string[], alive: SessionWindow): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .update(sessions)
      .set({ lastUsedAt: alive.now })
      .where(and(inArray(sessions.id, sessionIds.map(num)), aliveSessions(sessions, alive)))
      .returning({ id: sessions.id });
    return rows.map((row) => String(row.id));
  }

  async endSessions(userId: string, which: SessionSelection, alive: SessionWindow): Promise<string[]> {
    return this.deleteSessions(this.db, userId, which, alive);
  }

  private async deleteSessions(q: Q, userId: string, which: SessionSelection, alive: SessionWindow): Promise<string[]> {
    const rows = await q
      .delete(sessions)
      .where(and(eq(sessions.userId, num(userId)), selectedSessions(sessions, which)))
      .returning({ id: sessions.id, expiresAt: sessions.expiresAt, lastUsedAt: sessions.lastUsedAt });
    return rows.filter((row) => isAlive(row, alive)).map((row) => String(row.id));
  }

  async createRoom(input: { name: string; topic: string; kind: 'public' | 'private'; createdBy: string | null }) {
    try {
      return await this.db.transaction(async (tx) => {
        const now = Date.now();
        const [room] = await tx.insert(rooms).values(toRoomRow(input, now)).returning({ id: rooms.id });
        if (input.createdBy !== null) {
          await tx.insert(roomMembers).values({ roomId: room!.id, userId: num(input.createdBy), joinedAt: now });
        }
        return String(room!.id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('CONFLICT', `a room named "${input.name}" already exists`);
      throw err;
    }
  }

  async ensureRoom(input: { name: string; topic: string; kind: 'public' | 'private' }): Promise<string> {
    const nameKey = input.name.toLowerCase();
    await this.db
      .insert(rooms)
      .values({ ...input, nameKey, createdAt: Date.now() })
      .onConflictDoNothing();
    const [row] = await this.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.nameKey, nameKey));
    if (!row) throw new Error(`room ${input.name} vanished right after it was ensured`);
    return String(row.id);
  }

  async getRoomSummary(roomId: string) {
    const [row] = await hot.roomSummary(this.conn.pool, num(roomId));
    return row ? { ...row, id: String(row.id) } : null;
  }

  async getRoom(roomId: string, userId: string): Promise<Room | null> {
    return (await this.selectRooms(userId, num(roomId)))[0] ?? null;
  }

  async listRooms(userId: string): Promise<Room[]> {
    return this.selectRooms(userId, null);
  }

  /** Rooms as one user sees them: every public room and the rooms they belong to. */
  private async selectRooms(userId: string, roomId: number | null): Promise<Room[]> {
    const uid = num(userId);
    // Names sort by code point, as in SQLite: the database's default collation may not.
    const byName = sql`lower(${rooms.name}) COLLATE "C"`;
    const { rows } = await this.db.execute<RoomListRow>(roomListQuery(pgSchema, uid, roomId, byName));
    const names = await this.directRoomNames(rows.map((r) => r.dm_key), uid);
    return rows.map((r) => toRoom(r, r.dm_key ? (names.get(r.dm_key) ?? 'Direct message') : r.name));
  }

  /** Direct rooms are named after the other member, as `viewerId` sees them: one round trip for all, unlike SQLite's store. */
  private async directRoomNames(dmKeys: (string | null)[], viewerId: number): Promise<Map<string, string>> {
    const others = new Map<string, number>();
    for (const key of dmKeys) if (key) others.set(key, otherMember(key, viewerId));
    if (others.size === 0) return new Map();
    const rows = await this.db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, [...new Set(others.values())]));
    const byId = new Map(rows.map((r) => [r.id, r.displayName]));
    const names = new Map<string, string>();
    for (const [key, other] of others) {
      const name = byId.get(other);
      if (name !== undefined) names.set(key, name);
    }
    return names;
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    return (await hot.isMember(this.conn.pool, num(roomId), num(userId))).length > 0;
  }

  async addMember(roomId: string, userId: string): Promise<void> {
    // A newcomer starts with the room's past marked read rather than as hundreds of unread. One
    // statement, unlike SQLite's two: no send commits between reading last_seq and the insert.
    await this.db.execute(sql`
      INSERT INTO room_members (room_id, user_id, joined_at, last_read_seq)
      SELECT r.id, ${num(userId)}, ${Date.now()}, r.last_seq FROM rooms r WHERE r.id = ${num(roomId)}
      ON CONFLICT DO NOTHING`);
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.db.delete(roomMembers).where(and(eq(roomMembers.roomId, num(roomId)), eq(roomMembers.userId, num(userId))));
  }

  async listMembers(roomId: string): Promise<User[]> {
    const rows = await this.db
      .select(authorColumns)
      .from(roomMembers)
      .innerJoin(users, eq(users.id, roomMembers.userId))
      .where(eq(roomMembers.roomId, num(roomId)))
      // Code point order, as SQLite's; the database's default collation may differ.
      .orderBy(sql`${users.displayName} COLLATE "C"`);
    return rows.map(toUser);
  }

  async openDirectRoom(userA: string, userB: string): Promise<string> {
    const { low, high, dmKey } = directKey(userA, userB);
    return this.db.transaction(async (tx) => {
      const now = Date.now();
      // A concurrent first open of the same pair waits on the unique dm_key, then does nothing.
      await tx
        .insert(rooms)
        .values({ name: `dm:${dmKey}`, dmKey, kind: 'direct', createdBy: num(userA), createdAt: now })
        .onConflictDoNothing();
      const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.dmKey, dmKey));
      if (!room) throw new Error('direct room vanished inside its own transaction');
      await tx
        .insert(roomMembers)
        .values([...new Set([low, high])].map((userId) => ({ roomId: room.id, userId, joinedAt: now })))
        .onConflictDoNothing();
      return String(room.id);
    });
  }

  // Batched while the previous batch is on its way (postgres-sends.ts), where SQLite's sends share commits by turn.
  async sendMessage(input: SendMessageInput) {
    return this.sends.send(input);
  }

  private async sentBefore(authorId: number, clientMsgId: string): Promise<Message> {
    const first = await this.findSent(this.db, authorId, clientMsgId);
    if (!first) throw new Error('a message stored by an earlier send has vanished');
    return first;
  }

  private async findSent(q: Q, authorId: number, clientMsgId: string): Promise<Message | null> {
    const [row] = await q
      .select()
      .from(messages)
      .where(and(eq(messages.authorId, authorId), eq(messages.clientMsgId, clientMsgId)));
    return row ? this.hydrate(q, row) : null;
  }

  async editMessage(input: { messageId: string; body: string; now: number }): Promise<StoredEvent> {
    return this.changeMessage(input.messageId, 'updated', input.now, { body: input.body, editedAt: input.now });
  }

  async deleteMessage(input: { messageId: string; now: number }) {
    const id = num(input.messageId);
    return this.db.transaction(async (tx) => {
      const event = await this.changeMessage(input.messageId, 'deleted', input.now, { body: '', deletedAt: input.now }, tx);
      const attached = await tx.delete(messageAttachments).where(eq(messageAttachments.messageId, id)).returning({ fileId: messageAttachments.fileId });
      return { event, unusedBlobs: await this.dropUnattachedFiles(tx, attached.map((a) => a.fileId)) };
    });
  }

  /** In the caller's transaction `outer`, if given. */
  private changeMessage(
    messageId: string,
    type: EventType,
    now: number,
    patch: Partial<Pick<MessageRow, 'body' | 'editedAt' | 'deletedAt'>>,
    outer?: Q,
  ): Promise<StoredEvent> {
    const id = num(messageId);
    return (outer ?? this.db).transaction(async (tx) => {
      const [found] = await tx.select({ roomId: messages.roomId }).from(messages).where(eq(messages.id, id));
      if (!found) throw new DomainError('NOT_FOUND', 'message not found');
      // The room's lock comes first, as in sendMessage; every change of a message takes it, so
      // the message read after it is current.
      const seq = await this.nextSeq(tx, found.roomId, null);
      const [current] = await tx.select({ deletedAt: messages.deletedAt }).from(messages).where(eq(messages.id, id));
      if (!current) throw new DomainError('NOT_FOUND', 'message not found');
      if (current.deletedAt !== null) throw new DomainError('BAD_REQUEST', 'message is deleted');
      const [row] = await tx.update(messages).set(patch).where(eq(messages.id, id)).returning();
      if (!row) throw new DomainError('NOT_FOUND', 'message not found');
      return this.appendEvent(tx, row, seq, type, now);
    });
  }

  /** Claims the room's next sequence number; the row stays locked until the caller commits. */
  private async nextSeq(tx: Q, roomId: number, messageAt: number | null): Promise<number> {
    const set = messageAt === null ? { lastSeq: sql`${rooms.lastSeq} + 1` } : { lastSeq: sql`${rooms.lastSeq} + 1`, lastMessageAt: messageAt };
    const [row] = await tx.update(rooms).set(set).where(eq(rooms.id, roomId)).returning({ lastSeq: rooms.lastSeq });
    if (!row) throw new DomainError('NOT_FOUND', 'room not found');
    return row.lastSeq;
  }

  private async appendEvent(tx: Q, row: MessageRow, seq: number, type: EventType, now: number): Promise<StoredEvent> {
    await tx.insert(events).values({ roomId: row.roomId, seq, type, messageId: row.id, createdAt: now });
    return { roomId: String(row.roomId), seq, payload: { type, message: await this.hydrate(tx, row) } };
  }

  /** One message with its author and attachments. */
  private async hydrate(q: Q, row: MessageRow): Promise<Message> {
    const [author] = await q.select(authorColumns).from(users).where(eq(users.id, row.authorId));
    if (!author) throw new Error(`message ${row.id} has no author row`);
    const attachments = row.deletedAt === null ? await this.attachmentsOf(q, [row.id]) : new Map<number, Attachment[]>();
    return toMessage(row, toUser(author), attachments.get(row.id) ?? []);
  }

  /** Attachments of many messages in one query, in their order within each message. */
  private async attachmentsOf(q: Q, messageIds: number[]): Promise<Map<number, Attachment[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = await q
      .select({ messageId: messageAttachments.messageId, file: files })
      .from(messageAttachments)
      .innerJoin(files, eq(files.id, messageAttachments.fileId))
      .where(inArray(messageAttachments.messageId, messageIds))
      .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
    return groupAttachments(rows);
  }

  private async hydrateAll(q: Q, rows: { message: MessageRow; author: { id: number; username: string; displayName: string } }[]) {
    const attachments = await this.attachmentsOf(
      q,
      rows.filter((r) => r.message.deletedAt === null).map((r) => r.message.id),
    );
    return rows.map((r) => toMessage(r.message, toUser(r.author), attachments.get(r.message.id) ?? []));
  }

  async getMessage(messageId: string): Promise<Message | null> {
    const [row] = await this.db.select().from(messages).where(eq(messages.id, num(messageId)));
    return row ? this.hydrate(this.db, row) : null;
  }

  async history(input: { roomId: string; position: HistoryPosition; limit: number }) {
    const roomId = num(input.roomId);
    const reads = windowReads(input.position, input.limit);
    // One snapshot for the page and the newest event id, so subscribing from that id neither
    // repeats a message of the page nor skips one committed in between.
    return this.db.transaction(
      async (tx) => {
        const select = () => tx.select({ message: messages, author: authorColumns }).from(messages).innerJoin(users, eq(users.id, messages.authorId));
        const older = reads.older
          ? await select()
              .where(and(eq(messages.roomId, roomId), reads.older.below === null ? undefined : lt(messages.seq, reads.older.below)))
              .orderBy(desc(messages.seq))
              .limit(reads.older.take)
          : [];
        const newer = reads.newer
          ? await select()
              .where(and(eq(messages.roomId, roomId), gte(messages.seq, reads.newer.from)))
              .orderBy(asc(messages.seq))
              .limit(reads.newer.take)
          : [];
        const [room] = await tx.select({ lastSeq: rooms.lastSeq }).from(rooms).where(eq(rooms.id, roomId));
        const { page, nextCursor, newerCursor } = assembleWindow(input.position, input.limit, older, newer);
        return { messages: await this.hydrateAll(tx, page), nextCursor, newerCursor, lastEventId: String(room?.lastSeq ?? 0) };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async eventsAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .select({ seq: events.seq, type: events.type, message: messages, author: authorColumns })
      .from(events)
      .innerJoin(messages, eq(messages.id, events.messageId))
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(and(eq(events.roomId, num(roomId)), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(limit);
    const current = await this.hydrateAll(this.db, rows);
    return rows.map((r, i) => ({ roomId, seq: r.seq, payload: { type: r.type, message: current[i] as Message } }));
  }

  async markRead(input: { roomId: string; userId: string; seq: number }): Promise<void> {
    await this.db
      .update(roomMembers)
      // PostgreSQL's greatest() is SQLite's two-argument max().
      .set({ lastReadSeq: sql`greatest(${roomMembers.lastReadSeq}, ${input.seq})` })
      .where(and(eq(roomMembers.roomId, num(input.roomId)), eq(roomMembers.userId, num(input.userId))));
  }

  async searchMessages(input: { userId: string; query: string; roomId: string | null; limit: number }) {
    const uid = num(input.userId);
    // Case-insensitive substring match, as SQLite's trigram FTS: the GIN trigram index answers
    // it for 3+ characters; shorter queries scan, like SQLite's LIKE fallback.
    const rows = await this.db
      .select({ message: messages, author: authorColumns, roomName: rooms.name, dmKey: rooms.dmKey })
      .from(messages)
      .innerJoin(rooms, eq(rooms.id, messages.roomId))
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(
        and(
          ilike(messages.body, likePattern(input.query)),
          readableRoom(pgSchema, uid),
          isNull(messages.deletedAt),
          input.roomId === null ? undefined : eq(messages.roomId, num(input.roomId)),
        ),
      )
      .orderBy(desc(messages.id))
      .limit(input.limit);
    const hydrated = await this.hydrateAll(this.db, rows);
    const names = await this.directRoomNames(rows.map((r) => r.dmKey), uid);
    return rows.map((r, i) => ({
      message: hydrated[i] as Message,
      roomName: r.dmKey ? (names.get(r.dmKey) ?? 'Direct message') : r.roomName,
    }));
  }

  async createFile(input: Omit<FileRecord, 'id'>): Promise<FileRecord> {
    const [row] = await this.db
      .insert(files)
      .values({ ...input, uploaderId: num(input.uploaderId) })
      .returning();
    return toFileRecord(row!);
  }

  async getFile(fileId: string): Promise<FileRecord | null> {
    const [row] = await this.db.select().from(files).where(eq(files.id, num(fileId)));
    return row ? toFileRecord(row) : null;
  }

  async mayReadFile(fileId: string, userId: string): Promise<boolean> {
    const readable = and(eq(files.id, num(fileId)), readableFile(pgSchema, num(userId)));
    return (await this.db.select({ id: files.id }).from(files).where(readable)).length > 0;
  }

  async deleteUnattachedFiles(createdBefore: number): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const orphans = await tx
        .select({ id: files.id })
        .from(files)
        .leftJoin(messageAttachments, eq(messageAttachments.fileId, files.id))
        .where(and(lt(files.createdAt, createdBefore), isNull(messageAttachments.fileId)))
        // Locked, unlike SQLite's (one writer): a send attaching one of these meanwhile waits.
        .for('update', { of: files });
      return this.dropUnattachedFiles(tx, orphans.map((o) => o.id));
    });
  }

  /** Deletes those of these files that no message has; returns the blobs no file uses any more. */
  private async dropUnattachedFiles(tx: Q, fileIds: number[]): Promise<string[]> {
    if (fileIds.length === 0) return [];
    const gone = await tx
      .delete(files)
      .where(
        and(
          inArray(files.id, fileIds),
          // Attached meanwhile by a send that committed first: keep it.
          sql`NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = ${files.id})`,
        ),
      )
      .returning({ sha256: files.sha256 });
    const hashes = [...new Set(gone.map((f) => f.sha256))];
    if (hashes.length === 0) return [];
    const stillUsed = new Set((await tx.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, hashes))).map((r) => r.sha256));
    return hashes.filter((h) => !stillUsed.has(h));
  }

  async hasFileWithContent(sha256: string): Promise<boolean> {
    return (await this.db.select({ id: files.id }).from(files).where(eq(files.sha256, sha256)).limit(1)).length > 0;
  }

  async uploadedBytes(userId: string): Promise<number> {
    const [row] = await this.db
      // PostgreSQL sums bigints as numeric, which the driver hands over as a string.
      .select({ total: sql<string>`coalesce(sum(${files.size}), 0)` })
      .from(files)
      .where(eq(files.uploaderId, num(userId)));
    return Number(row?.total ?? 0);
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`SELECT 1`);
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
