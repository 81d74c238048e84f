import { TRPCError } from '@trpc/server';
import type { LiveServices } from './live-services.ts';
import type { Revocable } from './live-sessions.ts';
import type { BusMessage } from '../fanout/fanout.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import type { RoomListener } from './room-listeners.ts';

/** What follows a room through a RoomWatch. */
export interface RoomViewer {
  onRoomMessage(message: BusMessage): void;
  /** The subscriber may no longer read the room; called at most once. */
  onAccessLost(error: TRPCError): void;
}

/**
 * One subscriber's view of a room's channel, which ends as soon as the subscriber may no longer
 * read the room — their session is revoked, they left (or were removed from) a private or direct
 * room, or it was deleted — so access rules hold for running streams too.
 */
export class RoomWatch implements RoomListener, Revocable {
  private watching = false;
  private lost = false;

  constructor(
    private readonly app: LiveServices,
    private readonly room: RoomSummary,
    private readonly session: SessionInfo,
    /** The procedure path, for the active-subscriptions gauge. */
    private readonly path: string,
    private readonly viewer: RoomViewer,
  ) {}

  /** Resolves once listening: the viewer gets everything published from then on. */
  async start(): Promise<void> {
    await this.app.roomListeners.add(this.room.id, this);
    this.app.liveSessions.attach(this.session.sessionId, this);
    this.app.metrics.activeSubscriptions.inc({ path: this.path });
    this.watching = true;
  }

  stop(): void {
    if (!this.watching) return;
    this.watching = false;
    this.app.roomListeners.remove(this.room.id, this);
    this.app.liveSessions.detach(this.session.sessionId, this);
    this.app.metrics.activeSubscriptions.dec({ path: this.path });
  }

  onRoomMessage(message: BusMessage): void {
    const { app, room, session } = this;
    if (message.kind === 'member-left' && message.userId === session.user.id && room.kind !== 'public') {
      return this.leftRoom();
    }
    if (message.kind === 'room-deleted') return this.loseAccess(new TRPCError({ code: 'NOT_FOUND', message: 'the room was deleted' }));
    // A "member-left" may have been missed while the fan-out was away: ask the database.
    if (message.kind === 'resync' && room.kind !== 'public') {
      app.store.isMember(room.id, session.user.id).then(
        (member) => member || this.leftRoom(),
        (err: unknown) => app.log.warn({ err }, 'could not re-check membership after a fan-out resync'),
      );
    }
    this.viewer.onRoomMessage(message);
  }

  sessionRevoked(): void {
    this.loseAccess(new TRPCError({ code: 'UNAUTHORIZED', message: 'the session has ended' }));
  }

  private leftRoom(): void {
    this.loseAccess(new TRPCError({ code: 'FORBIDDEN', message: 'you left this room' }));
  }

  private loseAccess(error: TRPCError): void {
    if (this.lost) return;
    this.lost = true;
    this.viewer.onAccessLost(error);
  }
}
