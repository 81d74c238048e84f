import { LiveSessions } from './auth/live-sessions.ts';
import type { Config } from './config.ts';
import type { BlobStore } from './files/blob-store.ts';
import { Thumbnailer } from './files/images.ts';
import { UploadGate } from './files/upload-gate.ts';
import { SESSIONS_CHANNEL, type FanOut } from './fanout/fanout.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { Presence } from './presence/presence.ts';
import type { RateLimits } from './rate-limit.ts';
import { RoomListeners } from './rooms/room-listeners.ts';
import type { ChatStore } from './storage/store.ts';
import { TypingTracker } from './typing/typing-tracker.ts';

/** The long-lived services every procedure works with; one per server instance. */
export interface App {
  config: Config;
  store: ChatStore;
  blobs: BlobStore;
  thumbnails: Thumbnailer;
  uploads: UploadGate;
  fanout: FanOut;
  presence: Presence;
  liveSessions: LiveSessions;
  roomListeners: RoomListeners;
  typing: TypingTracker;
  /** General: every new account starts as a member, so its sidebar is never empty. */
  welcomeRoomId: string;
  limits: RateLimits;
  metrics: Metrics;
  log: Logger;
}

export const DEFAULT_ROOMS = [
  { name: 'General', topic: 'Announcements and everything else', kind: 'public' },
  { name: 'Tech Talk', topic: 'Code, tools and questions', kind: 'public' },
  { name: 'Random', topic: 'Off-topic, links and fun', kind: 'public' },
] as const;

type Built = 'liveSessions' | 'roomListeners' | 'typing' | 'welcomeRoomId' | 'thumbnails' | 'uploads';

export async function createApp(deps: Omit<App, Built>): Promise<App> {
  const roomIds: string[] = [];
  for (const room of DEFAULT_ROOMS) roomIds.push(await deps.store.ensureRoom(room));
  const app: App = {
    ...deps,
    thumbnails: new Thumbnailer({ maxPixels: deps.config.limits.imageMaxPixels, concurrency: deps.config.limits.thumbnailConcurrency }),
    uploads: new UploadGate(deps.store, deps.blobs.dir, deps.config.limits),
    liveSessions: new LiveSessions(),
    roomListeners: new RoomListeners(deps.fanout),
    typing: new TypingTracker(deps.fanout),
    welcomeRoomId: roomIds[0] as string,
  };
  await app.fanout.subscribe(SESSIONS_CHANNEL, (message) => {
    if (message.kind === 'session-revoked') app.liveSessions.revoke(message.sessionId);
    // Revocations may have been missed while the fan-out was away: ask the database.
    if (message.kind === 'resync') void revokeEndedSessions(app);
  });
  return app;
}

async function revokeEndedSessions(app: App): Promise<void> {
  const now = Date.now();
  for (const sessionId of app.liveSessions.sessionIds()) {
    try {
      if (!(await app.store.isSessionActive(sessionId, now))) app.liveSessions.revoke(sessionId);
    } catch (err) {
      app.log.warn({ err }, 'could not re-check a session after a fan-out resync');
      return;
    }
  }
}
