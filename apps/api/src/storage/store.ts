import type { Account, HistoryPage, Message, NotificationLevel, Room, RoomEvent, RoomKind, RoomReader, RoomRole, SearchHit, ThreadPage, User } from '@chat/api-types';

/** An uploaded file's metadata; its bytes live in the blob store under `sha256`. */
export interface FileRecord {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  uploaderId: string;
  createdAt: number;
}

/** What `user.profiles` shows of a user, as stored (procedures/profiles.ts makes a Profile of it). */
export interface ProfileRecord {
  user: User;
  status: string;
  /** The upload that is the user's picture. */
  avatar: { fileId: string; sha256: string } | null;
  createdAt: number;
  deactivated: boolean;
}

/** One entry of a room's event sequence, as stored and as fanned out. */
export interface StoredEvent {
  roomId: string;
  seq: number;
  payload: RoomEvent;
}

export interface RoomSummary {
  id: string;
  name: string;
  topic: string;
  kind: RoomKind;
  /** The newest event's sequence number (0 for a room with no events). */
  lastSeq: number;
  archived: boolean;
}

/** Who makes a change to a room, and when. */
export interface RoomChange {
  roomId: string;
  actorId: string;
  now: number;
}

/**
 * Where a history page sits in its room: older than a cursor (the newest page when null),
 * newer than a cursor, or centred on one message (by its seq), to show it in context.
 */
export type HistoryPosition = { before: number | null } | { after: number } | { around: number };

export interface SendMessageInput {
  roomId: string;
  authorId: string;
  body: string;
  clientMsgId: string;
  /** Files to attach; each must have been uploaded by the author (else BAD_REQUEST). */
  attachmentIds?: string[];
  /** The message this one answers: in the same room and not deleted (else BAD_REQUEST). */
  replyToId?: string | null;
  now: number;
}

export interface SessionInfo {
  sessionId: string;
  user: User;
  /** Its absolute end (ms): a socket holds its session without asking the database again until then. */
  expiresAt: number;
}

/** Which sessions are alive: those before their end at `now`, and used after `usedAfter`. */
export interface SessionWindow {
  now: number;
  usedAfter: number;
}

/** A session as its owner sees it in the list of their sessions. */
export interface SessionRecord {
  id: string;
  userAgent: string;
  createdAt: number;
  lastUsedAt: number;
}

/** One session of a user, or all of them but one. */
export type SessionSelection = { only: string } | { except: string };

/**
 * Everything the chat keeps. Implementations: SQLite (embedded) and PostgreSQL (DATABASE_URL);
 * both must pass the conformance suite in storage/store.conformance.ts.
 */
export interface ChatStore {
  /** The server's first account is made its admin, in the same transaction. */
  createUser(input: { username: string; displayName: string; passwordHash: string }): Promise<User>;
  findUserForLogin(username: string): Promise<{ user: User; passwordHash: string; deactivated: boolean } | null>;
  /** The account of a user: whether they are the server admin, and deactivated. */
  getAccount(userId: string): Promise<Account | null>;
  /** Accounts whose username or display name contains `query` (all when empty), by username, at most `limit`. */
  listAccounts(query: string, limit: number): Promise<Account[]>;
  /**
   * Deactivates (deleting every session of the account, in the same transaction) or reactivates
   * an account; returns the ids of the sessions that were alive. NOT_FOUND for no such user.
   */
  setDeactivated(input: { userId: string; deactivated: boolean; alive: SessionWindow; now: number }): Promise<string[]>;
  getUser(userId: string): Promise<User | null>;
  /** People to write to or invite: deactivated accounts are left out (the admin's `listAccounts` has them). */
  searchUsers(query: string, limit: number): Promise<User[]>;

  updateDisplayName(userId: string, displayName: string): Promise<User | null>;
  /** These users' profiles, in the order asked; unknown ids are left out (storage/profile-rows.ts). */
  profiles(userIds: string[]): Promise<ProfileRecord[]>;
  /** NOT_FOUND for no such user. */
  setStatus(userId: string, status: string): Promise<void>;
  /**
   * Makes an upload the user's picture, or removes it (null). Only an upload of the user's own
   * (else NOT_FOUND `fileId: …`) that is a picture the server could read (width known) and that
   * no message has (else BAD_REQUEST `fileId: …`): a deleted message's files go with it, so a
   * picture is always an upload of its own. While it is someone's picture, no clean-up deletes
   * the file (not even with a message it was attached to later); once replaced, it is an
   * ordinary unattached upload again.
   */
  setAvatar(userId: string, fileId: string | null): Promise<void>;
  /** The file, while it is some account's current picture. */
  avatarFile(fileId: string): Promise<FileRecord | null>;
  /**
   * Users, in id order after `afterId`, whose display name may need cleaning: anything but
   * printable ASCII, spaces at either end or doubled, or longer than `longerThan`.
   */
  usersWithUnusualNames(afterId: string | null, limit: number, longerThan: number): Promise<User[]>;
  /** Sets the password and ends the user's other sessions, in one transaction; returns those that were alive. */
  changePassword(input: { userId: string; passwordHash: string; keepSessionId: string; alive: SessionWindow }): Promise<string[]>;

  /** Starts a session used at `now`, ending at `expiresAt` at the latest. */
  createSession(input: { tokenHash: string; userId: string; userAgent: string; now: number; expiresAt: number }): Promise<string>;
  findSession(tokenHash: string, alive: SessionWindow): Promise<SessionInfo | null>;
  /** The session whose file cookie token has this hash. */
  findSessionByFileToken(fileTokenHash: string, alive: SessionWindow): Promise<SessionInfo | null>;
  setFileToken(sessionId: string, fileTokenHash: string): Promise<void>;
  /** The user's live sessions, the most recently used first, at most `limit`. */
  listSessions(userId: string, alive: SessionWindow, limit: number): Promise<SessionRecord[]>;
  /** Marks those of these sessions that are alive as used at `alive.now`; returns their ids. */
  renewSessions(sessionIds: string[], alive: SessionWindow): Promise<string[]>;
  /** Deletes the user's selected sessions, alive or not; returns the ids of those that were alive. */
  endSessions(userId: string, which: SessionSelection, alive: SessionWindow): Promise<string[]>;

  /** Creates a public or private room with the creator as its first member. */
  createRoom(input: { name: string; topic: string; kind: 'public' | 'private'; createdBy: string | null }): Promise<string>;
  /** Creates the room unless one of that name exists; returns its id. For the default rooms. */
  ensureRoom(input: { name: string; topic: string; kind: 'public' | 'private' }): Promise<string>;
  getRoomSummary(roomId: string): Promise<RoomSummary | null>;
  /** The room as `userId` sees it (direct rooms are named after the other user). */
  getRoom(roomId: string, userId: string): Promise<Room | null>;
  listRooms(userId: string): Promise<Room[]>;
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** The user's role in the room; null when not a member. */
  roleIn(roomId: string, userId: string): Promise<RoomRole | null>;
  addMember(roomId: string, userId: string): Promise<void>;
  removeMember(roomId: string, userId: string): Promise<void>;
  listMembers(roomId: string): Promise<{ user: User; role: RoomRole }[]>;
  /**
   * Renames the room and/or changes its topic, with one notice (a `created` event of a message
   * whose `notice` says what changed) per change that changed something; a name another room has,
   * in any case: CONFLICT; a direct room: BAD_REQUEST.
   */
  updateRoom(input: RoomChange & { name?: string; topic?: string }): Promise<StoredEvent[]>;
  /** Archives or unarchives the room, with its notice; null when it already was so. A direct room: BAD_REQUEST. */
  setArchived(input: RoomChange & { archived: boolean }): Promise<StoredEvent | null>;
  /**
   * Makes a member an admin or a member again, with its notice; null when nothing changed. Not a
   * member: NOT_FOUND; the owner's role: BAD_REQUEST.
   */
  setRole(input: RoomChange & { userId: string; role: 'admin' | 'member' }): Promise<StoredEvent | null>;
  /** Removes a member, with its notice; null when they were not a member. The owner: BAD_REQUEST. */
  removeMemberBy(input: RoomChange & { userId: string }): Promise<StoredEvent | null>;
  /**
   * Deletes the room with everything in it (messages, their search entries, events, files that
   * no other message has); returns its members' ids and the blobs no file uses any more.
   */
  deleteRoom(roomId: string): Promise<{ memberIds: string[]; unusedBlobs: string[] }>;
  /** The direct room of the two users, created with both as members on first use. */
  openDirectRoom(userA: string, userB: string): Promise<string>;

  /**
   * Stores a message and its `created` event under the room's next sequence number, in one
   * transaction. The same (author, clientMsgId) returns the first message and no event.
   *
   * Everything that adds to a room's sequence (a send, an edit, a deletion, a reaction, a pin)
   * is refused in an archived room with BAD_REQUEST `roomId: the room is archived`, checked where
   * the sequence number is claimed, so that it costs a send no read of its own.
   */
  sendMessage(input: SendMessageInput): Promise<{ message: Message; event: StoredEvent | null }>;
  editMessage(input: { messageId: string; body: string; now: number }): Promise<StoredEvent>;
  /**
   * Makes the message a tombstone (empty body, no files) and deletes its files that no other
   * message has; returns its event and the blobs (sha256) that no file uses any more.
   */
  deleteMessage(input: { messageId: string; now: number }): Promise<{ event: StoredEvent; unusedBlobs: string[] }>;
  getMessage(messageId: string): Promise<Message | null>;
  history(input: { roomId: string; position: HistoryPosition; limit: number }): Promise<HistoryPage>;
  /**
   * Events with seq > afterSeq, oldest first, at most `limit`, each with its message as it is
   * now: the log keeps no earlier text, so an edit or a deletion leaves nothing of the old one.
   */
  eventsAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Adds (`add`) or takes back the user's reaction with this emoji, with its event; null when
   * nothing changed (reacting twice with the same emoji is one reaction). A deleted message:
   * BAD_REQUEST; a new emoji beyond MAX_REACTIONS_PER_MESSAGE different ones: BAD_REQUEST.
   */
  react(input: { messageId: string; userId: string; emoji: string; add: boolean; now: number }): Promise<StoredEvent | null>;
  /**
   * Pins or unpins the message, with its event; null when it already was so. A deleted message,
   * or a pin beyond MAX_PINS_PER_ROOM in its room: BAD_REQUEST.
   */
  pin(input: { messageId: string; userId: string; pinned: boolean; now: number }): Promise<StoredEvent | null>;
  /** The room's pinned messages, the most recently pinned first, at most `limit`. */
  pinnedMessages(roomId: string, limit: number): Promise<Message[]>;
  /**
   * The thread the message starts or belongs to: its first message and up to `limit` replies
   * older than the seq `before` (the newest when null), oldest first, with the user's read
   * marker in it. Null when there is no such message.
   */
  thread(input: { messageId: string; userId: string; before: number | null; limit: number }): Promise<ThreadPage | null>;
  /** Moves the user's read marker in the thread of this message (or that it starts) to it, never backwards. */
  markThreadRead(input: { messageId: string; userId: string }): Promise<void>;
  /** Moves the user's read marker to the message, never backwards; true when it moved. */
  markRead(input: { roomId: string; userId: string; seq: number }): Promise<boolean>;
  /** Every member's read marker in the room, by user id; the first `limit` only, when given. */
  readMarkers(roomId: string, limit?: number): Promise<RoomReader[]>;
  /**
   * Sets what of the room notifies the member; true when that changed what was stored. Kept
   * with the membership, so leaving forgets it.
   */
  setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean>;
  /** Messages matching `query` in rooms the user may read (public, or a member of). */
  searchMessages(input: { userId: string; query: string; roomId: string | null; limit: number }): Promise<SearchHit[]>;

  createFile(input: Omit<FileRecord, 'id'>): Promise<FileRecord>;
  getFile(fileId: string): Promise<FileRecord | null>;
  /** The uploader, or anyone who may read a room where the file is attached to a live message. */
  mayReadFile(fileId: string, userId: string): Promise<boolean>;
  /** Deletes files created before `createdBefore` and never attached; returns blobs now unused. */
  deleteUnattachedFiles(createdBefore: number): Promise<string[]>;
  /** Whether any upload, attached or not, has these bytes. */
  hasFileWithContent(sha256: string): Promise<boolean>;
  /** The sizes of every file the user has uploaded, added up (for the upload quota). */
  uploadedBytes(userId: string): Promise<number>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
