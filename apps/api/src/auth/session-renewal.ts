import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { ChatStore } from '../storage/store.ts';
import type { LiveSessions } from '../live/live-sessions.ts';
import { aliveAt, renewalIntervalMs } from './session-lifetime.ts';

/** Ids per statement: both engines cap the parameters of one. */
const BATCH = 500;

/**
 * Keeps sessions in use from idling out without a database write per request or per message:
 * a use is only noted here, and once per interval the sessions used since — and those with an
 * open socket or subscription in this process, in use for as long as it is open — are marked
 * used in a few batched writes. A session with something open here that is found ended (at its
 * absolute end) has it ended, as a revocation would.
 */
export class SessionRenewal {
  private used = new Set<string>();

  constructor(
    private readonly store: ChatStore,
    private readonly live: LiveSessions,
    private readonly config: Pick<Config, 'sessionIdleMs'>,
    private readonly log: Logger,
  ) {}

  noteUse(sessionId: string): void {
    this.used.add(sessionId);
  }

  /** Never throws: uses that could not be written are kept for the next time. */
  async renew(now = Date.now()): Promise<void> {
    const open = this.live.sessionIds();
    const ids = [...new Set([...this.used, ...open])];
    this.used = new Set();
    const alive = aliveAt(this.config, now);
    const renewed = new Set<string>();
    try {
      for (let i = 0; i < ids.length; i += BATCH) {
        for (const id of await this.store.renewSessions(ids.slice(i, i + BATCH), alive)) renewed.add(id);
      }
    } catch (err) {
      for (const id of ids) this.used.add(id);
      this.log.warn({ err }, 'could not mark sessions as used; trying again later');
      return;
    }
    for (const id of open) if (!renewed.has(id)) this.live.revoke(id);
  }

  /** Renews every interval; the returned stop writes down what was used since the last time. */
  start(): () => Promise<void> {
    const timer = setInterval(() => void this.renew(), renewalIntervalMs(this.config.sessionIdleMs));
    timer.unref();
    return () => {
      clearInterval(timer);
      return this.renew();
    };
  }
}
