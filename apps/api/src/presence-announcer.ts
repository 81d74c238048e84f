import { PRESENCE_CHANNEL, type FanOut } from './fanout/fanout.ts';
import type { Logger } from './log.ts';
import type { PresenceAnnouncer } from './presence/presence.ts';

/** Presence changes go out on the fan-out, for the members lists that are open (live/room-presence.ts). */
export function announcer(fanout: FanOut, log: Logger): PresenceAnnouncer {
  return (userId) => {
    fanout.publish(PRESENCE_CHANNEL, { kind: 'presence', userId }).catch((err: Error) => {
      log.debug({ reason: err.message }, 'presence change not announced; open members lists poll it');
    });
  };
}
