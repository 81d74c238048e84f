import type { FanOut } from '../fanout/fanout.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { Presence } from '../presence/presence.ts';
import type { ChatStore } from '../storage/store.ts';
import type { LiveSessions } from './live-sessions.ts';
import type { RoomListeners } from './room-listeners.ts';
import type { TypingTracker } from './typing-tracker.ts';

/**
 * What the live path works with: the server's App is one (app.ts), but naming only these keeps
 * the live path below the App that holds its parts, and says what a stream may touch.
 */
export interface LiveServices {
  store: ChatStore;
  fanout: FanOut;
  presence: Presence;
  roomListeners: RoomListeners;
  liveSessions: LiveSessions;
  typing: TypingTracker;
  metrics: Metrics;
  log: Logger;
}
