import type { Config } from '../config.ts';
import type { FanOut } from '../fanout/fanout.ts';
import type { Logger } from '../log.ts';
import type { ChatStore } from '../storage/store.ts';
import type { LiveSessions } from '../live/live-sessions.ts';
import type { SessionRenewal } from './session-renewal.ts';

/** What finding and ending sessions works with: a part of the server's App (app.ts), which holds these. */
export interface SessionServices {
  config: Config;
  store: ChatStore;
  fanout: FanOut;
  sessionRenewal: SessionRenewal;
  liveSessions: LiveSessions;
  log: Logger;
}
