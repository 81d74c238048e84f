import type { Attachment, Message, Reaction, ReplyQuote, RoomEvent, RoomEventType, RoomKind, RoomNotice, User } from '@chat/api-types';
import type { EventType, FileRow, MessageRow, RoomKind as RowRoomKind, rooms, SessionRow, UserRow } from '@chat/db';
import type { ChatStore, FileRecord, SessionInfo, SessionRecord, SessionWindow } from './store.ts';

// Row → API shapes, shared by every ChatStore: both engines' tables have the same row types.

// Rows hand their room kind and event type to the API unchanged, and the API's zod schemas
// accept only its own: a value added on one side only fails to compile here.
type Within<Narrow extends Wide, Wide> = Narrow;
type _RoomKindsAgree = [Within<RowRoomKind, RoomKind>, Within<RoomKind, RowRoomKind>];
type _EventTypesAgree = [Within<EventType, RoomEventType>, Within<RoomEventType, EventType>];

export const toUser = (row: Pick<UserRow, 'id' | 'username' | 'displayName'>): User => ({
  id: String(row.id),
  username: row.username,
  displayName: row.displayName,
});

/** A session as both stores' hot statements read it: the session row's id and end, and its user. */
export const toSessionInfo = (row: { sessionId: number; expiresAt: number; id: number; username: string; displayName: string } | undefined): SessionInfo | null =>
  row ? { sessionId: String(row.sessionId), user: toUser(row), expiresAt: row.expiresAt } : null;

export const toSessionRecord = (row: Pick<SessionRow, 'id' | 'userAgent' | 'createdAt' | 'lastUsedAt'>): SessionRecord => ({
  ...row,
  id: String(row.id),
});

export const isAlive = (row: Pick<SessionRow, 'expiresAt' | 'lastUsedAt'>, alive: SessionWindow): boolean =>
  row.expiresAt > alive.now && row.lastUsedAt > alive.usedAfter;

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const fileUrl = (fileId: string | number) => `/api/files/${fileId}`;

export function toAttachment(row: FileRow): Attachment {
  return {
    id: String(row.id),
    name: row.name,
    mime: row.mime,
    size: row.size,
    url: fileUrl(row.id),
    width: row.width,
    height: row.height,
    thumbnailUrl: row.hasThumbnail ? `${fileUrl(row.id)}/thumbnail` : null,
  };
}

export const toFileRecord = (row: FileRow): FileRecord => ({ ...row, id: String(row.id), uploaderId: String(row.uploaderId) });

/** What a message shows beyond its own row, read by each store in one query per kind for a page of messages. */
export interface MessageExtras {
  replyTo: ReplyQuote | null;
  replyCount: number;
  reactions: Reaction[];
  /** Who pinned it, when it is pinned. */
  pinnedBy: User | null;
}

/** A message that answers none, has no replies or reactions and is not pinned: every new one that is no reply. */
export const NO_EXTRAS: MessageExtras = Object.freeze({ replyTo: null, replyCount: 0, reactions: [], pinnedBy: null });

/** Characters of the answered message a reply shows. */
export const EXCERPT_LENGTH = 200;

export function toReplyQuote(row: Pick<MessageRow, 'id' | 'body' | 'deletedAt'>, author: User): ReplyQuote {
  const deleted = row.deletedAt !== null;
  return { id: String(row.id), author, excerpt: deleted ? '' : [...row.body].slice(0, EXCERPT_LENGTH).join(''), deleted };
}

/** Users shown per reaction; `count` says how many there are in all. */
export const REACTION_USERS_SHOWN = 20;

/**
 * Groups reaction rows of many messages: each row one user's reaction, ordered by message, then
 * by the time of its emoji's earliest reaction there (then by emoji, where those tie), then by
 * when the user reacted (then by user); `count` is the emoji's total on that message (rows
 * beyond REACTION_USERS_SHOWN per emoji may be left out by the query).
 */
export function groupReactions(rows: { messageId: number; emoji: string; count: number; user: User }[]): Map<number, Reaction[]> {
  const byMessage = new Map<number, Reaction[]>();
  for (const { messageId, emoji, count, user } of rows) {
    const list = byMessage.get(messageId) ?? [];
    if (list.length === 0) byMessage.set(messageId, list);
    let reaction = list.at(-1);
    if (reaction?.emoji !== emoji) list.push((reaction = { emoji, count, users: [] }));
    if (reaction.users.length < REACTION_USERS_SHOWN) reaction.users.push(user);
  }
  return byMessage;
}

export function toMessage(row: MessageRow, author: User, attachments: Attachment[], extras: MessageExtras = NO_EXTRAS): Message {
  const live = row.deletedAt === null;
  return {
    id: String(row.id),
    roomId: String(row.roomId),
    seq: row.seq,
    author,
    body: row.body,
    clientMsgId: row.clientMsgId,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: iso(row.editedAt),
    deleted: row.deletedAt !== null,
    // A deleted message is a tombstone: its files are no longer shown (nor served through it),
    // nor its reactions, nor its pin.
    attachments: live ? attachments : [],
    replyTo: extras.replyTo,
    threadRootId: row.threadRootId === null ? null : String(row.threadRootId),
    replyCount: extras.replyCount,
    reactions: live ? extras.reactions : [],
    pinned: live && row.pinnedAt !== null && extras.pinnedBy ? { by: extras.pinnedBy, at: new Date(row.pinnedAt).toISOString() } : null,
    notice: row.notice === null ? null : (JSON.parse(row.notice) as RoomNotice),
  };
}

/** Someone whose account is gone, as an event that names them shows them. */
const GONE: User = Object.freeze({ id: '0', username: '', displayName: 'Someone' });

/** An event of the log as clients see it: reactions and pins say who made them (`actor`) and with which emoji (`detail`). */
export function toRoomEvent(type: RoomEventType, message: Message, actor: User | null, detail: string | null): RoomEvent {
  if (type === 'reacted' || type === 'unreacted') return { type, message, by: actor ?? GONE, emoji: detail ?? '' };
  if (type === 'pinned' || type === 'unpinned') return { type, message, by: actor ?? GONE };
  return { type, message };
}

/** Groups attachment rows (already in position order) by message. */
export function groupAttachments(rows: { messageId: number; file: FileRow }[]): Map<number, Attachment[]> {
  const byMessage = new Map<number, Attachment[]>();
  for (const { messageId, file } of rows) {
    const list = byMessage.get(messageId) ?? [];
    list.push(toAttachment(file));
    byMessage.set(messageId, list);
  }
  return byMessage;
}

/** A string of digits from the API becomes a row id; the zod schemas already checked the form. */
export const num = Number;

/** Escapes LIKE wildcards so a user's "%" or "_" matches itself (use with ESCAPE '\'). */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The row of a new public or private room; `nameKey` keeps names unique whatever their case. */
export const toRoomRow = (input: Parameters<ChatStore['createRoom']>[0], now: number): typeof rooms.$inferInsert => ({
  name: input.name,
  nameKey: input.name.toLowerCase(),
  topic: input.topic,
  kind: input.kind,
  createdBy: input.createdBy === null ? null : num(input.createdBy),
  createdAt: now,
});

/** "<low>:<high>" for a pair of users: one pair always maps to one direct room. */
export function directKey(userA: string, userB: string): { low: number; high: number; dmKey: string } {
  const [low, high] = [num(userA), num(userB)].sort((x, y) => x - y) as [number, number];
  return { low, high, dmKey: `${low}:${high}` };
}

/** The other member of a direct room, whose name the room shows to `viewerId`. */
export function otherMember(dmKey: string, viewerId: number): number {
  const [a, b] = dmKey.split(':').map(Number);
  return (a === viewerId ? b : a) ?? 0;
}
