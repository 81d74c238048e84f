import type { UserEvent } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import type { LiveServices } from './live-services.ts';
import { PROFILES_CHANNEL, userChannel } from '../fanout/fanout.ts';
import { EventQueue } from './event-queue.ts';
import type { SessionInfo } from '../storage/store.ts';

/** Tells these users' open clients, on every server process, that their room lists changed. */
export async function notifyRoomsChanged(app: LiveServices, userIds: string[]): Promise<void> {
  for (const userId of new Set(userIds)) {
    await app.fanout.publish(userChannel(userId), { kind: 'rooms-changed', userId });
  }
}

/** A new display name: it names the user's direct rooms for the other members, and shows in the user's own clients. */
export async function notifyRenamed(app: LiveServices, userId: string): Promise<void> {
  const direct = (await app.store.listRooms(userId)).filter((room) => room.kind === 'direct');
  const members = await Promise.all(direct.map((room) => app.store.listMembers(room.id)));
  await notifyRoomsChanged(app, [userId, ...members.flat().map((member) => member.user.id)]);
}

/**
 * Tells every signed-in client that the user's profile changed: one message on one channel that
 * every user.onEvent stream listens to, however many users there are.
 */
export async function notifyProfileChanged(app: LiveServices, userId: string): Promise<void> {
  await app.fanout.publish(PROFILES_CHANNEL, { kind: 'profile-changed', userId });
}

/** One user's own events, until the subscription stops or the session is revoked. */
export async function* userEvents(app: LiveServices, session: SessionInfo, signal: AbortSignal | undefined): AsyncGenerator<UserEvent> {
  const queue = new EventQueue<UserEvent>(signal);
  const unsubscribe = await app.fanout.subscribe(userChannel(session.user.id), (message) => {
    // After a resync the change may have been missed: refetching once too often is harmless.
    if (message.kind === 'rooms-changed' || message.kind === 'resync') queue.push({ type: 'rooms-changed' });
  });
  // A resync reaches every channel's listeners at once: the one above tells the client for both.
  const unsubscribeProfiles = await app.fanout.subscribe(PROFILES_CHANNEL, (message) => {
    if (message.kind === 'profile-changed') queue.push({ type: 'profile-changed', userId: message.userId });
  });
  const revocable = { sessionRevoked: () => queue.fail(new TRPCError({ code: 'UNAUTHORIZED', message: 'the session has ended' })) };
  app.liveSessions.attach(session.sessionId, revocable);
  app.metrics.activeSubscriptions.inc({ path: 'user.onEvent' });
  try {
    yield* queue;
  } finally {
    unsubscribe();
    unsubscribeProfiles();
    app.liveSessions.detach(session.sessionId, revocable);
    app.metrics.activeSubscriptions.dec({ path: 'user.onEvent' });
  }
}
