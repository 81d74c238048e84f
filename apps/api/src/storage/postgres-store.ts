import { MAX_PINS_PER_ROOM, type Account, type Message, type NotificationLevel, type Room, type RoomReader, type RoomRole, type ThreadPage, type User } from '@chat/api-types';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { openPostgres, pgSchema, type PgConnection, type PgDb } from '@chat/db/postgres';
import { readableFile, readableRoom } from './access-conditions.ts';
import { DomainError } from './errors.ts';
import { assembleWindow, windowReads } from './history-window.ts';
import { roomListQuery, toRoom, type RoomListRow } from './room-list-query.ts';
import { levelOtherThan, readsBefore, toReader } from './member-marks.ts';
import { aliveSessions, selectedSessions, type SessionsToSelect } from './session-conditions.ts';
import { appendEvent, type EventType } from './postgres-events.ts';
import { dropUnattachedFiles } from './postgres-files.ts';
import { authored, hydrateMessages, messageWhere, type MessageRow } from './postgres-message-extras.ts';
import { authorColumns, isUniqueViolation, type AuthorRow, type Q } from './postgres-queries.ts';
import { addReaction, takeBackReaction } from './postgres-reactions.ts';
import * as roomAdmin from './postgres-room-admin.ts';
import * as profileStore from './postgres-profiles.ts';
import { PostgresSends } from './postgres-sends.ts';
import { hot } from './postgres-statements.ts';
import { directKey, isAlive, likePattern, num, otherMember, toFileRecord, toRoomEvent, toRoomRow, toSessionInfo, toSessionRecord, toUser } from './rows.ts';
import type { ChatStore, FileRecord, HistoryPosition, ProfileRecord, RoomChange, SendMessageInput, SessionSelection, SessionWindow, StoredEvent } from './store.ts';

const { events, files, messageAttachments, messageReactions, messages, roomMembers, rooms, sessions, threadReads, users } = pgSchema;

const actors = alias(users, 'actor');

const accountColumns = { user: authorColumns, isAdmin: users.isAdmin, deactivatedAt: users.deactivatedAt, createdAt: users.createdAt };

const toAccount = (row: { user: AuthorRow; isAdmin: boolean; deactivatedAt: number | null; createdAt: number }): Account => ({
  user: toUser(row.user),
  serverAdmin: row.isAdmin,
  deactivated: row.deactivatedAt !== null,
  createdAt: new Date(row.createdAt).toISOString(),
});

/**
 * ChatStore on PostgreSQL. Each event's sequence number comes from `UPDATE rooms SET last_seq =
 * last_seq + n … RETURNING` inside the transaction that stores the event (for sends, the one
 * statement that stores a batch of them: postgres-sends.ts): the room's row stays locked until
 * commit, so a room's events commit in sequence order and a reader that has seen event N has
 * seen every event before it (postgres-events.ts). Search is ILIKE over a pg_trgm GIN index.
 * Messages are read with what they show beyond their rows (files, quotes, reactions…) a page at
 * a time: postgres-message-extras.ts. Changes to a room by those who look after it:
 * postgres-room-admin.ts.
 *
 * The statements of every send run prepared, without drizzle (postgres-statements.ts); the
 * rest are built per call. Queries written once for both engines live in access-conditions.ts and room-list-query.ts; the
 * query-builder calls here stay per engine, as the builders are per dialect and PostgreSQL's are
 * awaited where SQLite's run synchronously.
 */
/** Users whose username or display name contains the query, whatever its case: ILIKE, as LIKE is case-sensitive here. */
const nameContains = (query: string) => {
  const pattern = likePattern(query);
  return or(ilike(users.username, pattern), ilike(users.displayName, pattern));
};
// By code point, as SQLite orders.
const byUsername = sql`${users.username} COLLATE "C"`;

export class PostgresStore implements ChatStore {
  private readonly sends: PostgresSends;

  private constructor(private readonly conn: PgConnection) {
    this.sends = new PostgresSends(conn.pool, conn.db);
  }

  static async open(url: string, opts: { onConnectionError?: (err: Error) => void; max?: number } = {}): Promise<PostgresStore> {
    return new PostgresStore(await openPostgres(url, opts));
  }

  private get db(): PgDb {
    return this.conn.db;
  }

  async createUser(input: { username: string; displayName: string; passwordHash: string }): Promise<User> {
    try {
      return await this.db.transaction(async (tx) => {
        // Two first sign-ups at once take turns here, so that the second sees the first and is no
        // admin; once anyone has an account, nobody waits.
        const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
        if (!anyone) await tx.execute(sql`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`);
        const [row] = await tx
          .insert(users)
          .values({ ...input, createdAt: Date.now(), isAdmin: sql`NOT EXISTS (SELECT 1 FROM users)` })
          .returning(authorColumns);
        return toUser(row!);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('CONFLICT', 'username is already taken');
      throw err;
    }
  }

  async findUserForLogin(username: string) {
    const [row] = await this.db.select().from(users).where(eq(users.username, username));
    return row ? { user: toUser(row), passwordHash: row.passwordHash, deactivated: row.deactivatedAt !== null } : null;
  }

  async getAccount(userId: string): Promise<Account | null> {
    const [row] = await this.db.select(accountColumns).from(users).where(eq(users.id, num(userId)));
    return row ? toAccount(row) : null;
  }

  async listAccounts(query: string, limit: number): Promise<Account[]> {
    const rows = await this.db.select(accountColumns).from(users).where(nameContains(query)).orderBy(byUsername).limit(limit);
    return rows.map(toAccount);
  }

  async setDeactivated(input: { userId: string; deactivated: boolean; alive: SessionWindow; now: number }): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      // Deactivating again keeps the time it first was.
      const deactivatedAt = input.deactivated ? sql`coalesce(${users.deactivatedAt}, ${input.now})` : null;
      const found = await tx.update(users).set({ deactivatedAt }).where(eq(users.id, num(input.userId))).returning({ id: users.id });
      if (found.length === 0) throw new DomainError('NOT_FOUND', 'user not found');
      return input.deactivated ? this.deleteSessions(tx, input.userId, 'all', input.alive) : [];
    });
  }

  async getUser(userId: string): Promise<User | null> {
    const [row] = await this.db.select(authorColumns).from(users).where(eq(users.id, num(userId)));
    return row ? toUser(row) : null;
  }

  async searchUsers(query: string, limit: number): Promise<User[]> {
    const rows = await this.db
      .select(authorColumns)
      .from(users)
      .where(and(nameContains(query), isNull(users.deactivatedAt)))
      .orderBy(byUsername)
      .limit(limit);
    return rows.map(toUser);
  }

  async updateDisplayName(userId: string, displayName: string): Promise<User | null> {
    const [row] = await this.db.update(users).set({ displayName }).where(eq(users.id, num(userId))).returning(authorColumns);
    return row ? toUser(row) : null;
  }

  async profiles(userIds: string[]): Promise<ProfileRecord[]> {
    return profileStore.profiles(this.db, userIds);
  }

  async setStatus(userId: string, status: string): Promise<void> {
    return profileStore.setStatus(this.db, userId, status);
  }

  async setAvatar(userId: string, fileId: string | null): Promise<void> {
    return profileStore.setAvatar(this.db, userId, fileId);
  }

  async avatarFile(fileId: string): Promise<FileRecord | null> {
    return profileStore.avatarFile(this.db, fileId);
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

  private async deleteSessions(q: Q, userId: string, which: SessionsToSelect, alive: SessionWindow): Promise<string[]> {
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
          await tx.insert(roomMembers).values({ roomId: room!.id, userId: num(input.createdBy), joinedAt: now, role: 'owner' });
        }
        return String(room!.id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw roomAdmin.nameTaken(input.name);
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

  async roleIn(roomId: string, userId: string): Promise<RoomRole | null> {
    const [row] = await this.db
      .select({ role: roomMembers.role })
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, num(roomId)), eq(roomMembers.userId, num(userId))));
    return row?.role ?? null;
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

  async listMembers(roomId: string): Promise<{ user: User; role: RoomRole }[]> {
    const rows = await this.db
      .select({ user: authorColumns, role: roomMembers.role })
      .from(roomMembers)
      .innerJoin(users, eq(users.id, roomMembers.userId))
      .where(eq(roomMembers.roomId, num(roomId)))
      // Code point order, as SQLite's; the database's default collation may differ.
      .orderBy(sql`${users.displayName} COLLATE "C"`);
    return rows.map((row) => ({ user: toUser(row.user), role: row.role }));
  }

  async updateRoom(input: RoomChange & { name?: string; topic?: string }): Promise<StoredEvent[]> {
    return roomAdmin.updateRoom(this.db, input);
  }

  async setArchived(input: RoomChange & { archived: boolean }): Promise<StoredEvent | null> {
    return roomAdmin.setArchived(this.db, input);
  }

  async setRole(input: RoomChange & { userId: string; role: 'admin' | 'member' }): Promise<StoredEvent | null> {
    return roomAdmin.setRole(this.db, input);
  }

  async removeMemberBy(input: RoomChange & { userId: string }): Promise<StoredEvent | null> {
    return roomAdmin.removeMemberBy(this.db, input);
  }

  async deleteRoom(roomId: string): Promise<{ memberIds: string[]; unusedBlobs: string[] }> {
    return roomAdmin.deleteRoom(this.db, roomId);
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

  async editMessage(input: { messageId: string; body: string; now: number }): Promise<StoredEvent> {
    return this.changeMessage(input.messageId, 'updated', input.now, { body: input.body, editedAt: input.now });
  }

  async deleteMessage(input: { messageId: string; now: number }) {
    const id = num(input.messageId);
    return this.db.transaction(async (tx) => {
      // Its pin goes with its text, so that the room's bound on pins counts live messages only.
      const tombstone = { body: '', deletedAt: input.now, pinnedAt: null, pinnedBy: null };
      const event = await this.changeMessage(input.messageId, 'deleted', input.now, tombstone, tx);
      await tx.delete(messageReactions).where(eq(messageReactions.messageId, id));
      const attached = await tx.delete(messageAttachments).where(eq(messageAttachments.messageId, id)).returning({ fileId: messageAttachments.fileId });
      return { event, unusedBlobs: await dropUnattachedFiles(tx, attached.map((a) => a.fileId)) };
    });
  }

  /** In the caller's transaction `outer`, if given. */
  private changeMessage(
    messageId: string,
    type: EventType,
    now: number,
    patch: Partial<Pick<MessageRow, 'body' | 'editedAt' | 'deletedAt' | 'pinnedAt' | 'pinnedBy'>>,
    outer?: Q,
  ): Promise<StoredEvent> {
    return (outer ?? this.db).transaction(async (tx) => {
      const current = await this.lockLiveMessage(tx, num(messageId));
      await tx.update(messages).set(patch).where(eq(messages.id, current.id));
      return appendEvent(tx, current, type, now);
    });
  }

  async react(input: { messageId: string; userId: string; emoji: string; add: boolean; now: number }): Promise<StoredEvent | null> {
    const userId = num(input.userId);
    return this.db.transaction(async (tx) => {
      const current = await this.lockLiveMessage(tx, num(input.messageId));
      const changed = input.add
        ? await addReaction(tx, current.id, userId, input.emoji, input.now)
        : await takeBackReaction(tx, current.id, userId, input.emoji);
      return changed ? appendEvent(tx, current, input.add ? 'reacted' : 'unreacted', input.now, { userId, detail: input.emoji }) : null;
    });
  }

  async pin(input: { messageId: string; userId: string; pinned: boolean; now: number }): Promise<StoredEvent | null> {
    const userId = num(input.userId);
    return this.db.transaction(async (tx) => {
      const current = await this.lockLiveMessage(tx, num(input.messageId));
      if ((current.pinnedAt !== null) === input.pinned) return null;
      if (input.pinned) await this.assertRoomForPin(tx, current.roomId);
      const pin = input.pinned ? { pinnedAt: input.now, pinnedBy: userId } : { pinnedAt: null, pinnedBy: null };
      await tx.update(messages).set(pin).where(eq(messages.id, current.id));
      return appendEvent(tx, current, input.pinned ? 'pinned' : 'unpinned', input.now, { userId, detail: null });
    });
  }

  /** Run under the room's row lock: two pins at once cannot both take the last place. */
  private async assertRoomForPin(tx: Q, roomId: number): Promise<void> {
    const [pins] = await tx
      .select({ count: count() })
      .from(messages)
      .where(and(eq(messages.roomId, roomId), isNotNull(messages.pinnedAt)));
    if ((pins?.count ?? 0) >= MAX_PINS_PER_ROOM) {
      throw new DomainError('BAD_REQUEST', `messageId: a room keeps at most ${MAX_PINS_PER_ROOM} pinned messages`);
    }
  }

  /**
   * The message as it is, read under its room's row lock, which every change of a message (its
   * text, reactions, pin) takes first, as a send does: it stays so until the caller commits. A
   * deleted message takes no change.
   */
  private async lockLiveMessage(tx: Q, id: number): Promise<MessageRow> {
    await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(eq(rooms.id, sql`(SELECT room_id FROM messages WHERE id = ${id})`))
      .for('no key update');
    const [current] = await tx.select().from(messages).where(eq(messages.id, id));
    if (!current) throw new DomainError('NOT_FOUND', 'message not found');
    if (current.deletedAt !== null) throw new DomainError('BAD_REQUEST', 'message is deleted');
    return current;
  }

  async getMessage(messageId: string): Promise<Message | null> {
    return messageWhere(this.db, eq(messages.id, num(messageId)));
  }

  async history(input: { roomId: string; position: HistoryPosition; limit: number }) {
    const roomId = num(input.roomId);
    const reads = windowReads(input.position, input.limit);
    // One snapshot for the page and the newest event id, so subscribing from that id neither
    // repeats a message of the page nor skips one committed in between.
    return this.db.transaction(
      async (tx) => {
        const older = reads.older
          ? await authored(tx)
              .where(and(eq(messages.roomId, roomId), reads.older.below === null ? undefined : lt(messages.seq, reads.older.below)))
              .orderBy(desc(messages.seq))
              .limit(reads.older.take)
          : [];
        const newer = reads.newer
          ? await authored(tx)
              .where(and(eq(messages.roomId, roomId), gte(messages.seq, reads.newer.from)))
              .orderBy(asc(messages.seq))
              .limit(reads.newer.take)
          : [];
        const [room] = await tx.select({ lastSeq: rooms.lastSeq }).from(rooms).where(eq(rooms.id, roomId));
        const { page, nextCursor, newerCursor } = assembleWindow(input.position, input.limit, older, newer);
        return { messages: await hydrateMessages(tx, page), nextCursor, newerCursor, lastEventId: String(room?.lastSeq ?? 0) };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async eventsAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .select({
        seq: events.seq,
        type: events.type,
        detail: events.detail,
        message: messages,
        author: authorColumns,
        actor: { id: actors.id, username: actors.username, displayName: actors.displayName },
      })
      .from(events)
      .innerJoin(messages, eq(messages.id, events.messageId))
      .innerJoin(users, eq(users.id, messages.authorId))
      .leftJoin(actors, eq(actors.id, events.actorId))
      .where(and(eq(events.roomId, num(roomId)), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(limit);
    const current = await hydrateMessages(this.db, rows);
    return rows.map((r, i) => ({
      roomId,
      seq: r.seq,
      payload: toRoomEvent(r.type, current[i] as Message, r.actor && toUser(r.actor), r.detail),
    }));
  }

  async pinnedMessages(roomId: string, limit: number): Promise<Message[]> {
    const rows = await authored(this.db)
      .where(and(eq(messages.roomId, num(roomId)), isNotNull(messages.pinnedAt)))
      .orderBy(desc(messages.pinnedAt), desc(messages.id))
      .limit(limit);
    return hydrateMessages(this.db, rows);
  }

  async thread(input: { messageId: string; userId: string; before: number | null; limit: number }): Promise<ThreadPage | null> {
    // One snapshot: the replies counted on the first message are the replies paged.
    return this.db.transaction(
      async (tx) => {
        const rootId = sql`(SELECT coalesce(thread_root_id, id) FROM messages WHERE id = ${num(input.messageId)})`;
        const [root] = await authored(tx).where(eq(messages.id, rootId));
        if (!root) return null;
        const older = await authored(tx)
          .where(and(eq(messages.threadRootId, root.message.id), input.before === null ? undefined : lt(messages.seq, input.before)))
          .orderBy(desc(messages.seq))
          .limit(input.limit + 1);
        const [read] = await tx
          .select({ lastReadSeq: threadReads.lastReadSeq })
          .from(threadReads)
          .where(and(eq(threadReads.userId, num(input.userId)), eq(threadReads.rootId, root.message.id)));
        const { page, nextCursor } = assembleWindow({ before: input.before }, input.limit, older, []);
        const [first, ...replies] = await hydrateMessages(tx, [root, ...page]);
        return { root: first as Message, replies, nextCursor, lastReadSeq: read?.lastReadSeq ?? 0 };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async markThreadRead(input: { messageId: string; userId: string }): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO thread_reads (user_id, root_id, last_read_seq)
      SELECT ${num(input.userId)}, coalesce(thread_root_id, id), seq FROM messages WHERE id = ${num(input.messageId)}
      ON CONFLICT (user_id, root_id) DO UPDATE SET last_read_seq = greatest(thread_reads.last_read_seq, excluded.last_read_seq)`);
  }

  async markRead(input: { roomId: string; userId: string; seq: number }): Promise<boolean> {
    const moved = await this.db
      .update(roomMembers)
      .set({ lastReadSeq: input.seq })
      .where(readsBefore(pgSchema, input.roomId, input.userId, input.seq))
      .returning({ userId: roomMembers.userId });
    return moved.length > 0;
  }

  async readMarkers(roomId: string, limit?: number): Promise<RoomReader[]> {
    const rows = this.db
      .select({ userId: roomMembers.userId, lastReadSeq: roomMembers.lastReadSeq })
      .from(roomMembers)
      .where(eq(roomMembers.roomId, num(roomId)))
      .orderBy(asc(roomMembers.userId));
    return (await (limit === undefined ? rows : rows.limit(limit))).map(toReader);
  }

  async setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean> {
    const changed = await this.db
      .update(roomMembers)
      .set({ notificationLevel: level })
      .where(levelOtherThan(pgSchema, roomId, userId, level))
      .returning({ userId: roomMembers.userId });
    return changed.length > 0;
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
          // Notices tell of the room, not of what people said in it.
          isNull(messages.notice),
          input.roomId === null ? undefined : eq(messages.roomId, num(input.roomId)),
        ),
      )
      .orderBy(desc(messages.id))
      .limit(input.limit);
    const hydrated = await hydrateMessages(this.db, rows);
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
      return dropUnattachedFiles(tx, orphans.map((o) => o.id));
    });
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
