import { SessionRenewal } from './auth/session-renewal.ts';
import type { SessionServices } from './auth/session-services.ts';
import type { SignInThrottle } from './auth/sign-in-throttle.ts';
import { clientAddresses, type ClientAddresses } from './client-address.ts';
import { SESSIONS_CHANNEL } from './fanout/fanout.ts';
import type { FileServices } from './files/file-gc.ts';
import { Thumbnailer } from './files/images.ts';
import { UploadGate } from './files/upload-gate.ts';
import type { LiveServices } from './live/live-services.ts';
import { LiveSessions } from './live/live-sessions.ts';
import { RoomListeners } from './live/room-listeners.ts';
import { TypingTracker } from './live/typing-tracker.ts';
import type { RateLimits } from './rate-limit.ts';
import { cleanStoredDisplayNames } from './users/stored-names.ts';

/** The long-lived services every procedure works with; one per server instance. */
export interface App extends LiveServices, SessionServices, FileServices {
  thumbnails: Thumbnailer;
  uploads: UploadGate;
  /** General: every new account starts as a member, so its sidebar is never empty. */
  welcomeRoomId: string;
  limits: RateLimits;
  signIns: SignInThrottle;
  /** Who the client of a request is, through the proxies TRUST_PROXY names. */
  clients: ClientAddresses;
}

export const DEFAULT_ROOMS = [
  { name: 'General', topic: 'Announcements and everything else', kind: 'public' },
  { name: 'Tech Talk', topic: 'Code, tools and questions', kind: 'public' },
  { name: 'Random', topic: 'Off-topic, links and fun', kind: 'public' },
] as const;

type Built = 'liveSessions' | 'sessionRenewal' | 'roomListeners' | 'typing' | 'welcomeRoomId' | 'thumbnails' | 'uploads' | 'clients';

export async function createApp(deps: Omit<App, Built>): Promise<App> {
  const roomIds: string[] = [];
  for (const room of DEFAULT_ROOMS) roomIds.push(await deps.store.ensureRoom(room));
  await cleanStoredDisplayNames(deps.store, deps.log);
  const liveSessions = new LiveSessions();
  const app: App = {
    ...deps,
    thumbnails: new Thumbnailer({ maxPixels: deps.config.limits.imageMaxPixels, concurrency: deps.config.limits.thumbnailConcurrency }),
    uploads: new UploadGate(deps.store, deps.blobs.dir, deps.config.limits),
    liveSessions,
    sessionRenewal: new SessionRenewal(deps.store, liveSessions, deps.config, deps.log),
    roomListeners: new RoomListeners(deps.fanout),
    typing: new TypingTracker(deps.fanout),
    welcomeRoomId: roomIds[0] as string,
    clients: clientAddresses(deps.config.trustProxy),
  };
  await app.fanout.subscribe(SESSIONS_CHANNEL, (message) => {
    if (message.kind === 'session-revoked') app.liveSessions.revoke(message.sessionId);
    // Revocations may have been missed while the fan-out was away: ask the database, which a
    // renewal does for every session with something open here.
    if (message.kind === 'resync') void app.sessionRenewal.renew();
  });
  return app;
}
