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
}

/** A member of a room, as `room.members` lists them. */
export interface RoomMember {
  user: User;
  online: boolean;
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
  /** A deleted message stays as a tombstone: empty body, no files. */
  deleted: boolean;
  attachments: Attachment[];
}

export type RoomEventType = 'created' | 'updated' | 'deleted';

/**
 * One event of a room's sequence, as `message.onEvent` streams it (its tracked id is the
 * event's sequence number): a message was sent, edited or deleted, and the message as it is now.
 */
export interface RoomEvent {
  type: RoomEventType;
  message: Message;
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
export interface UserEvent {
  /**
   * The user's room list changed (joined, left, invited, a new direct message), or someone
   * joined or left one of their rooms (its member count), or someone they have a direct room
   * with, whose name it bears, was renamed: refetch it.
   */
  type: 'rooms-changed';
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
