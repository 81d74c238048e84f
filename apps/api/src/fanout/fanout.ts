import type { User } from '@chat/api-types';
import type { StoredEvent } from '../storage/store.ts';

/** What travels between server processes. The database stays the source of truth. */
export type BusMessage =
  | { kind: 'event'; event: StoredEvent }
  | { kind: 'typing'; roomId: string; user: User; typing: boolean }
  | { kind: 'member-left'; roomId: string; userId: string }
  /** The room is gone: every stream of it ends. */
  | { kind: 'room-deleted'; roomId: string }
  | { kind: 'rooms-changed'; userId: string }
  | { kind: 'session-revoked'; sessionId: string }
  /** A user's presence may have changed; sent once the change is visible to every process. */
  | { kind: 'presence'; userId: string }
  /** A user's profile (name, status, picture) changed: told to every signed-in client, once per process. */
  | { kind: 'profile-changed'; userId: string }
  /** A member's read marker moved forward, on the room's reads channel. */
  | { kind: 'read'; roomId: string; userId: string; lastReadSeq: number }
  /**
   * Never published: a fan-out hands it to every listener of every channel after it may have
   * missed messages (its Redis connection dropped and is back). Listeners re-read what they
   * follow from the database, which stays the source of truth.
   */
  | { kind: 'resync' };

/** What publishers send: everything but the local `resync`. */
export type PublishedMessage = Exclude<BusMessage, { kind: 'resync' }>;

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const userChannel = (userId: string) => `user:${userId}`;
/** Read markers apart from the room's channel, which every follower of the room hears: only "seen by" wants them. */
export const readsChannel = (roomId: string) => `reads:${roomId}`;
export const SESSIONS_CHANNEL = 'sessions';
export const PRESENCE_CHANNEL = 'presence';
export const PROFILES_CHANNEL = 'profiles';

/**
 * Live publish/subscribe by channel. Implementations: in-process (one server) and
 * Redis (several servers); both must pass fanout.conformance.ts. A listener receives each
 * message published after its subscription, in publish order per channel; delivery may be
 * lost across processes, which is why subscribers re-read gaps from storage.
 */
export interface FanOut {
  publish(channel: string, message: PublishedMessage): Promise<void>;
  /** Resolves once the subscription is active, so nothing published afterwards is missed. */
  subscribe(channel: string, listener: (message: BusMessage) => void): Promise<() => void>;
  close(): Promise<void>;
}
