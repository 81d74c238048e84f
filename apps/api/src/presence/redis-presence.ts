import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { LocalPresence, type Presence, type PresenceAnnouncer } from './presence.ts';

export interface RedisPresenceOptions {
  redis: Redis;
  prefix: string;
  log: Logger;
  /** How often this process renews its entry (default 5 s). */
  heartbeatMs?: number;
  /** A process not heard of for this long is gone, and so are its users (default 20 s). */
  ttlMs?: number;
  /** Told of each change on this process after Redis has it, so other processes see it too. */
  announce?: PresenceAnnouncer;
}

/**
 * Presence across processes. Each process keeps the set of users with a socket on it in
 * Redis (`<prefix>presence:<process>`), and its heartbeat in a sorted set of processes. A user
 * is online if any live process has them; a process that was killed stops renewing, so its
 * users go offline after the TTL instead of staying online for ever. Every heartbeat rewrites
 * the whole set, which also heals a Redis that restarted empty.
 */
export class RedisPresence implements Presence {
  private readonly local: LocalPresence;
  private readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly timer: NodeJS.Timeout;
  private readonly heartbeatMs: number;
  private readonly ttlMs: number;

  constructor(private readonly opts: RedisPresenceOptions) {
    this.heartbeatMs = opts.heartbeatMs ?? 5_000;
    this.ttlMs = opts.ttlMs ?? 20_000;
    this.local = new LocalPresence((userId, online) => {
      const change = online ? opts.redis.sadd(this.setKey(this.id), userId) : opts.redis.srem(this.setKey(this.id), userId);
      change
        .catch((err: Error) => opts.log.debug({ reason: err.message }, 'presence update failed; the heartbeat repairs it'))
        .finally(() => opts.announce?.(userId));
    });
    this.timer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
    void this.heartbeat();
  }

  private get processesKey() {
    return `${this.opts.prefix}presence:processes`;
  }

  private setKey(processId: string) {
    return `${this.opts.prefix}presence:${processId}`;
  }

  connect(userId: string): () => void {
    return this.local.connect(userId);
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    const online = await this.local.onlineAmong(userIds);
    const rest = userIds.filter((id) => !online.has(id));
    if (rest.length === 0) return online;
    try {
      const processes = (await this.opts.redis.zrangebyscore(this.processesKey, Date.now() - this.ttlMs, '+inf')).filter(
        (p) => p !== this.id,
      );
      if (processes.length === 0) return online;
      const pipeline = this.opts.redis.pipeline();
      for (const p of processes) pipeline.smismember(this.setKey(p), ...rest);
      for (const [err, flags] of (await pipeline.exec()) ?? []) {
        if (err) throw err;
        (flags as number[]).forEach((flag, i) => flag === 1 && online.add(rest[i] as string));
      }
    } catch (err) {
      // Redis is away: what this process knows is the best answer there is.
      this.opts.log.warn({ reason: (err as Error).message }, 'presence: Redis unavailable; answering for this process only');
    }
    return online;
  }

  private async heartbeat(): Promise<void> {
    const key = this.setKey(this.id);
    const users = this.local.users();
    try {
      const now = Date.now();
      const tx = this.opts.redis.multi().del(key);
      if (users.length > 0) tx.sadd(key, ...users);
      tx.pexpire(key, this.ttlMs)
        .zadd(this.processesKey, now, this.id)
        .zremrangebyscore(this.processesKey, '-inf', now - this.ttlMs);
      await tx.exec();
    } catch (err) {
      this.opts.log.debug({ reason: (err as Error).message }, 'presence heartbeat failed; retrying');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // A clean stop takes its users offline at once; a killed process lapses after the TTL.
    await this.opts.redis
      .multi()
      .del(this.setKey(this.id))
      .zrem(this.processesKey, this.id)
      .exec()
      .catch(() => {});
  }
}
