import { LiveSessions } from './auth/live-sessions.ts';
import type { Config } from './config.ts';
import type { BlobStore } from './files/blob-store.ts';
import { SESSIONS_CHANNEL, type FanOut } from './fanout/fanout.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import { Presence } from './presence/presence.ts';
import type { RateLimits } from './rate-limit.ts';
import type { ChatStore } from './storage/store.ts';

/** The long-lived services every procedure works with; one per server instance. */
export interface App {
  config: Config;
  store: ChatStore;
  blobs: BlobStore;
  fanout: FanOut;
  presence: Presence;
  liveSessions: LiveSessions;
  limits: RateLimits;
  metrics: Metrics;
  log: Logger;
}

export const DEFAULT_ROOMS = [
  { name: 'General', topic: 'Announcements and everything else', kind: 'public' },
  { name: 'Tech Talk', topic: 'Code, tools and questions', kind: 'public' },
  { name: 'Random', topic: 'Off-topic, links and fun', kind: 'public' },
] as const;

export async function createApp(deps: Omit<App, 'presence' | 'liveSessions'>): Promise<App> {
  const app: App = { ...deps, presence: new Presence(), liveSessions: new LiveSessions() };
  for (const room of DEFAULT_ROOMS) await app.store.ensureRoom(room);
  await app.fanout.subscribe(SESSIONS_CHANNEL, (message) => {
    if (message.kind === 'session-revoked') app.liveSessions.revoke(message.sessionId);
  });
  return app;
}
