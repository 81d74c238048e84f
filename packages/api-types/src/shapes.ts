// What every client sees: the shapes procedures return and subscriptions stream. The server
// builds them (its stores return them); the web app, the SDK and the CLI read them. Declared
// here, not inferred from the router, so a client can name them without the server's source.

/** A user as others see them; never carries the password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
}

export type RoomKind = 'public' | 'private' | 'direct';

/**
 * Who looks after a room: its creator is its owner, who names admins. Owners and admins rename
 * it, change its topic, remove members, delete anyone's message there and archive it; only the
 * owner deletes it or names admins. The server admin (the server's first account) may do all of
 * it in every room, as the owner of the rooms nobody created (the default ones).
 */
export type RoomRole = 'owner' | 'admin' | 'member';

export interface Room {
  id: string;
  name: string;
  topic: string;
  kind: RoomKind;
  memberCount: number;
  joined: boolean;
  unreadCount: number;
  lastMessageAt: string | null;
  /** Sequence number of the last message I have read here (my read marker); 0 for none, or when not a member. */
  lastReadSeq: number;
  /** My role here; null when I am not a member. */
  role: RoomRole | null;
  /** Read-only: an archived room takes no messages, reactions or pins, and is still read and searched. */
  archived: boolean;
  /** What of this room notifies me, the same on all my devices; for a room I am not in, what it would be. */
  notificationLevel: NotificationLevel;
}

/**
 * `all`: every message; `mentions`: messages that mention me (@username) and replies to mine;
 * `muted`: nothing, and its unread count is shown quietly. Until a member chooses, direct rooms
 * are `all` and the others `mentions`.
 */
export type NotificationLevel = 'all' | 'mentions' | 'muted';

/** A member of a room, as `room.members` lists them. */
export interface RoomMember {
  user: User;
  online: boolean;
  role: RoomRole;
}

/** A file attached to a message; `url` and `thumbnailUrl` are paths on the server. */
export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
  /** Pixel size of images; null for everything else. */
  width: number | null;
  height: number | null;
  thumbnailUrl: string | null;
}

export interface Message {
  id: string;
  roomId: string;
  /** Position of the event that created the message in its room's sequence. */
  seq: number;
  author: User;
  body: string;
  clientMsgId: string;
  createdAt: string;
  editedAt: string | null;
  /** A deleted message stays as a tombstone: empty body, no files, no reactions, not pinned. */
  deleted: boolean;
  attachments: Attachment[];
  /** The message this one answers, as it is now; null when it answers none. */
  replyTo: ReplyQuote | null;
  /**
   * The thread this message belongs to: the id of the message that started it (a reply to a
   * reply joins its root's thread); null for a message that answers none.
   */
  threadRootId: string | null;
  /** On a thread's first message: how many replies it has (deleted ones not counted); else 0. */
  replyCount: number;
  /** One entry per emoji, in the order each was first used. */
  reactions: Reaction[];
  /** Null unless pinned in its room. */
  pinned: Pin | null;
  /**
   * Set on what the server writes of a change to the room (renamed, a member removed, …), whose
   * author is who made the change; its body says the same in words, for clients that show only
   * bodies. Null on what people write.
   */
  notice: RoomNotice | null;
}

/** A change to a room, as the notice in its timeline tells it. */
export type RoomNotice =
  | { kind: 'renamed'; name: string }
  | { kind: 'topic-changed'; topic: string }
  | { kind: 'archived' }
  | { kind: 'unarchived' }
  | { kind: 'member-removed'; user: User }
  | { kind: 'role-changed'; user: User; role: RoomRole };

/** What a reply shows of the message it answers. */
export interface ReplyQuote {
  id: string;
  author: User;
  /** Its text's first characters (at most 200); empty once it is deleted. */
  excerpt: string;
  deleted: boolean;
}

export interface Reaction {
  /** One emoji, as the people who reacted chose it. */
  emoji: string;
  count: number;
  /** Who reacted with it, in the order they did, the first 20 of them. */
  users: User[];
}

export interface Pin {
  by: User;
  at: string;
}

export type RoomEventType = 'created' | 'updated' | 'deleted' | 'reacted' | 'unreacted' | 'pinned' | 'unpinned';

/**
 * One event of a room's sequence, as `message.onEvent` streams it (its tracked id is the
 * event's sequence number), with the message as it is now: it was sent (a reply too), edited,
 * deleted, reacted to (`reacted`/`unreacted`, with who and which emoji), pinned or unpinned.
 *
 * Clients of protocol version 1, and those that send no version, get only the first three
 * types: a reaction or a pin reaches them as `updated` with the message as it is now.
 */
export type RoomEvent =
  | { type: 'created' | 'updated' | 'deleted'; message: Message }
  | { type: 'reacted' | 'unreacted'; message: Message; by: User; emoji: string }
  | { type: 'pinned' | 'unpinned'; message: Message; by: User };

/** A thread: the message that started it and a page of its replies, oldest first. */
export interface ThreadPage {
  root: Message;
  replies: Message[];
  /** Pass as `before` for the older replies; null when this page holds the first reply. */
  nextCursor: string | null;
  /** The seq of the last reply in this thread I have read (0 for none); newer replies are unread. */
  lastReadSeq: number;
}

export interface HistoryPage {
  messages: Message[];
  /** Pass as `before` for the page older than this one; null at the start of the room. */
  nextCursor: string | null;
  /** Pass as `after` for the page newer than this one; null when this page reaches the newest message. */
  newerCursor: string | null;
  /** The room's newest event id when the page was read: subscribe from here. */
  lastEventId: string;
}

export interface SearchHit {
  message: Message;
  roomName: string;
}

/** What `room.onPresence` streams: who is online, then each change. */
export type PresenceEvent =
  /** Every member who is online, first, and again after the server may have missed changes. */
  | { type: 'snapshot'; online: string[] }
  /** One member came online or went offline. */
  | { type: 'change'; userId: string; online: boolean };

/** What `room.onTyping` streams: who is typing now, first and on every change. */
export interface TypingEvent {
  users: User[];
}

/** What `user.onEvent` streams to one user's own clients. */
export type UserEvent =
  /**
   * The user's room list changed (joined, left, invited, a new direct message, a notification
   * level set on another device), or someone joined or left one of their rooms (its member
   * count), or someone they have a direct room with, whose name it bears, was renamed: refetch it.
   * Also sent after the server may have missed changes: then refetch the profiles shown too.
   */
  | { type: 'rooms-changed' }
  /** Someone's profile (name, status, picture) changed: refetch it if it is shown. */
  | { type: 'profile-changed'; userId: string };

/** A user's picture, square WebP images: paths on the server, new ones whenever the picture changes. */
export interface Avatar {
  /** 64 × 64 pixels. */
  small: string;
  /** 256 × 256 pixels. */
  large: string;
}

/** What others see of a user beyond the name: `user.profiles` answers these. */
export interface Profile {
  user: User;
  /** A short line the user chose ("on holiday until Monday"); empty for none. */
  status: string;
  /** Null until the user sets a picture: show initials. */
  avatar: Avatar | null;
  joinedAt: string;
  /** Deactivated by the server admin: the account signs in no more; its messages stay. */
  deactivated: boolean;
}

/** How far one member has read a room: the seq of the last message they have read (0 for none). */
export interface RoomReader {
  userId: string;
  lastReadSeq: number;
}

/** What `room.onReads` streams ("seen by"): every member's read marker, then each one that moves. */
export type ReadEvent =
  /** Every member's marker, first, and again after the server may have missed moves. */
  | { type: 'snapshot'; readers: RoomReader[] }
  /** One member's marker moved forward (markers never move back). */
  | { type: 'read'; userId: string; lastReadSeq: number };

/** An account: mine as `auth.account` answers it, everyone's as the server admin sees them in `admin.users`. */
export interface Account {
  user: User;
  serverAdmin: boolean;
  /** A deactivated account cannot sign in and has no sessions; its messages stay. */
  deactivated: boolean;
  createdAt: string;
}

/** One of my sessions, as `auth.sessions` lists them. */
export interface SessionView {
  id: string;
  /** Browser and system, read from the user agent it signed in with ("Firefox on Linux"). */
  device: string;
  createdAt: string;
  lastUsedAt: string;
  /** The session this request was made with. */
  current: boolean;
}
