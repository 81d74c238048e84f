import { randomUUID } from 'node:crypto';
import type { RoomNotice } from '@chat/api-types';
import { and, eq } from 'drizzle-orm';
import { messageAttachments, messages, roomMembers, rooms, type MessageRow, type SqliteConnection } from '@chat/db';
import { DomainError } from './errors.ts';
import { NO_EXTRAS, num, toUser } from './rows.ts';
import { noticeBody } from './room-notices.ts';
import { namingRoom } from './sqlite-errors.ts';
import { dropUnattachedFiles } from './sqlite-files.ts';
import type { RoomLog } from './sqlite-events.ts';
import type { HotStatements } from './sqlite-statements.ts';
import type { ChatStore, RoomChange, StoredEvent } from './store.ts';

type MemberChange = RoomChange & { userId: string };

/** What `PRAGMA secure_delete` reads as 0, 1 and 2, to be set back by name: "2" would set ON. */
const SECURE_DELETE_MODES = ['OFF', 'ON', 'FAST'];

/**
 * The SQLite store's administration of rooms: their names, topics, archiving, members' roles,
 * removals and deletion. Each change is told in the room's timeline by a notice, a message
 * written through the same steps as a send (sequence number, insert, `created` event).
 */
export class SqliteRoomAdmin {
  constructor(
    private readonly conn: SqliteConnection,
    private readonly hot: HotStatements,
    private readonly log: RoomLog,
  ) {}

  private get db() {
    return this.conn.db;
  }

  updateRoom(input: RoomChange & { name?: string; topic?: string }): StoredEvent[] {
    return this.db.transaction(() => {
      const room = this.changeableRoom(input.roomId);
      const told: StoredEvent[] = [];
      const { name, topic } = input;
      if (name !== undefined && name !== room.name) {
        namingRoom(name, () => this.db.update(rooms).set({ name, nameKey: name.toLowerCase() }).where(eq(rooms.id, room.id)).run());
        told.push(this.notify(input, { kind: 'renamed', name }));
      }
      if (topic !== undefined && topic !== room.topic) {
        this.db.update(rooms).set({ topic }).where(eq(rooms.id, room.id)).run();
        told.push(this.notify(input, { kind: 'topic-changed', topic }));
      }
      return told;
    });
  }

  setArchived(input: RoomChange & { archived: boolean }): StoredEvent | null {
    return this.db.transaction(() => {
      const room = this.changeableRoom(input.roomId);
      if ((room.archivedAt !== null) === input.archived) return null;
      // The notice takes a sequence number, which an archived room gives no more: it is written
      // while the room is still open, or once it is open again.
      if (input.archived) {
        const told = this.notify(input, { kind: 'archived' });
        this.db.update(rooms).set({ archivedAt: input.now }).where(eq(rooms.id, room.id)).run();
        return told;
      }
      this.db.update(rooms).set({ archivedAt: null }).where(eq(rooms.id, room.id)).run();
      return this.notify(input, { kind: 'unarchived' });
    });
  }

  setRole(input: MemberChange & { role: 'admin' | 'member' }): StoredEvent | null {
    return this.db.transaction(() => {
      const member = this.changeableMember(input);
      if (!member) throw new DomainError('NOT_FOUND', 'userId: not a member of this room');
      if (member.role === input.role) return null;
      this.db.update(roomMembers).set({ role: input.role }).where(this.membership(input)).run();
      return this.notify(input, { kind: 'role-changed', user: toUser(member), role: input.role });
    });
  }

  removeMemberBy(input: MemberChange): StoredEvent | null {
    return this.db.transaction(() => {
      const member = this.changeableMember(input);
      if (!member) return null;
      this.db.delete(roomMembers).where(this.membership(input)).run();
      return this.notify(input, { kind: 'member-removed', user: toUser(member) });
    });
  }

  deleteRoom(roomId: string): Awaited<ReturnType<ChatStore['deleteRoom']>> {
    const id = num(roomId);
    return this.erasingFreedPages(() =>
      this.db.transaction(() => {
        const members = this.db.select({ userId: roomMembers.userId }).from(roomMembers).where(eq(roomMembers.roomId, id)).all();
        const attached = this.db
          .selectDistinct({ fileId: messageAttachments.fileId })
          .from(messageAttachments)
          .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
          .where(eq(messages.roomId, id))
          .all();
        // Its messages, events and members go with it, and with the messages their reactions,
        // attachments and thread markers (ON DELETE CASCADE); the search index's delete trigger
        // (migration 0003) takes each indexed message's words out of the index; the batches index
        // only rows that still exist.
        const gone = this.db.delete(rooms).where(eq(rooms.id, id)).returning({ id: rooms.id }).get();
        if (!gone) throw new DomainError('NOT_FOUND', 'room not found');
        return {
          memberIds: members.map((m) => String(m.userId)),
          unusedBlobs: dropUnattachedFiles(this.db, attached.map((a) => a.fileId)),
        };
      }),
    );
  }

  /**
   * A room's worth of rows frees whole pages, which `secure_delete = FAST` (sqlite.ts) leaves
   * holding their text: for this once, freed pages are zeroed too.
   */
  private erasingFreedPages<T>(write: () => T): T {
    const usual = this.conn.raw.pragma('secure_delete', { simple: true }) as number;
    this.conn.raw.pragma('secure_delete = ON');
    try {
      return write();
    } finally {
      this.conn.raw.pragma(`secure_delete = ${SECURE_DELETE_MODES[usual]}`);
    }
  }

  /** A public or private room: a direct room has no name, topic or archive of its own. */
  private changeableRoom(roomId: string) {
    const room = this.db
      .select({ id: rooms.id, name: rooms.name, topic: rooms.topic, kind: rooms.kind, archivedAt: rooms.archivedAt })
      .from(rooms)
      .where(eq(rooms.id, num(roomId)))
      .get();
    if (!room) throw new DomainError('NOT_FOUND', 'room not found');
    if (room.kind === 'direct') throw new DomainError('BAD_REQUEST', 'roomId: a direct room cannot be changed');
    return room;
  }

  /** The member, unless they are the owner, whose role and place are theirs for good; undefined for none. */
  private changeableMember(input: MemberChange) {
    const member = this.hot.member.get(num(input.roomId), num(input.userId));
    if (member?.role === 'owner') throw new DomainError('BAD_REQUEST', "userId: the room's owner keeps their role and place");
    return member;
  }

  private membership(input: MemberChange) {
    return and(eq(roomMembers.roomId, num(input.roomId)), eq(roomMembers.userId, num(input.userId)));
  }

  /** Tells the change in the room's timeline, as a message by whoever made it. */
  private notify(change: RoomChange, notice: RoomNotice): StoredEvent {
    const roomId = num(change.roomId);
    const seq = this.log.nextSeq(roomId, change.now);
    // Clients choose their own ids; a random one under a prefix of its own meets none of theirs.
    const clientMsgId = `notice:${randomUUID()}`;
    const row = this.hot.insertMessage.get(roomId, num(change.actorId), seq, noticeBody(notice), clientMsgId, change.now, null, null, JSON.stringify(notice)) as MessageRow;
    // No files, quote, replies, reactions or pin: nothing to look up.
    return this.log.append(row, seq, 'created', change.now, { attachments: [], extras: NO_EXTRAS });
  }
}
