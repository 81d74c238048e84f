import { Redis, type RedisOptions as IORedisOptions } from 'ioredis';
import type { Logger } from '../log.ts';
import type { BusMessage, FanOut, PublishedMessage } from './fanout.ts';

type Listener = (message: BusMessage) => void;

/** How long a publish or subscribe waits for Redis before the caller goes on (it stays queued). */
const PUBLISH_WAIT_MS = 2_000;
/** Publishes queued while Redis is unreachable; past this they are dropped (listeners resync). */
const MAX_QUEUED = 10_000;

export interface RedisConfig {
  url: string;
  /** Namespace of every channel and key (REDIS_PREFIX). */
  prefix: string;
  log: Logger;
}

/** An ioredis connection that retries for ever and reports its troubles to the log once per outage. */
export function connectRedis(opts: RedisConfig, role: string, extra: IORedisOptions = {}): Redis {
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    connectionName: `chat-${role}-${opts.prefix.replace(/[^\w.:-]/g, '')}`,
    ...extra,
  });
  let down = false;
  redis.on('error', (err) => {
    if (down) return;
    down = true;
    opts.log.warn({ role, reason: err.message }, 'Redis connection lost; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    opts.log.info({ role }, 'Redis connection restored');
  });
  return redis;
}

/** Connects or fails with a one-line reason (an unreachable REDIS_URL at start is a config error). */
export async function connectOrFail(redis: Redis, url: string): Promise<void> {
  let cause: Error | undefined;
  const remember = (err: Error) => (cause ??= err);
  redis.on('error', remember);
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 10 s')), 10_000).unref()),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect to ${new URL(url).host}: ${(cause ?? (err as Error)).message}`);
  } finally {
    redis.off('error', remember);
  }
}

/**
 * Fan-out over Redis pub/sub, one channel per room (and per user, and one for sessions),
 * subscribed only while this process has a listener for it. Messages are hints that say
 * "this happened"; the database stays the source of truth. When the subscriber connection
 * comes back after a drop (Redis restart, network blip) every channel is subscribed again and
 * every listener receives `{ kind: 'resync' }`, so it re-reads what it may have missed.
 */
export class RedisFanOut implements FanOut {
  private readonly listeners = new Map<string, Set<Listener>>();
  private queued = 0;
  private closed = false;

  private constructor(
    private readonly opts: RedisConfig,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    // Channels are subscribed by us, not by ioredis, so that `resync` goes out only once they are.
    sub.on('ready', () => void this.resubscribe());
    sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.dispatch(channel.toString(), data));
  }

  static async open(opts: RedisConfig): Promise<RedisFanOut> {
    const pub = connectRedis(opts, 'publish');
    const sub = connectRedis(opts, 'subscribe', { autoResubscribe: false });
    try {
      await connectOrFail(pub, opts.url);
      await connectOrFail(sub, opts.url);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw err;
    }
    return new RedisFanOut(opts, pub, sub);
  }

  async publish(channel: string, message: PublishedMessage): Promise<void> {
    if (this.closed) return;
    const ready = this.pub.status === 'ready';
    if (!ready && this.queued >= MAX_QUEUED) return;
    this.queued++;
    const sent = this.pub
      .publish(this.opts.prefix + channel, JSON.stringify(message))
      .catch((err: Error) => this.opts.log.warn({ channel, reason: err.message }, 'Redis publish failed'))
      .finally(() => this.queued--);
    // While Redis is away the message waits in ioredis' queue and the caller goes on: what it
    // stored is in the database, where every listener re-reads after its resync.
    if (ready) await Promise.race([sent, new Promise((r) => setTimeout(r, PUBLISH_WAIT_MS).unref())]);
  }

  async subscribe(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    const entry: Listener = (message) => listener(message);
    set.add(entry);
    // Not connected: the channel is subscribed on reconnect, followed by a resync.
    // A connection that died unnoticed answers only after its reconnect: wait a bounded time,
    // as the reconnect subscribes the channel again and sends a resync anyway.
    if (first && this.sub.status === 'ready') {
      const subscribed = this.sub.subscribe(this.opts.prefix + channel).catch((err: Error) => {
        this.opts.log.warn({ channel, reason: err.message }, 'Redis subscribe failed; resyncing on reconnect');
      });
      await Promise.race([subscribed, new Promise((r) => setTimeout(r, PUBLISH_WAIT_MS).unref())]);
    }
    const entries = set;
    return () => {
      entries.delete(entry);
      if (entries.size > 0 || this.listeners.get(channel) !== entries) return;
      this.listeners.delete(channel);
      if (this.sub.status === 'ready') void this.sub.unsubscribe(this.opts.prefix + channel).catch(() => {});
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private dispatch(prefixed: string, data: Buffer): void {
    if (!prefixed.startsWith(this.opts.prefix)) return;
    const set = this.listeners.get(prefixed.slice(this.opts.prefix.length));
    if (!set) return;
    let message: BusMessage;
    try {
      message = JSON.parse(data.toString()) as BusMessage;
    } catch {
      this.opts.log.warn({ channel: prefixed }, 'ignoring a malformed fan-out message');
      return;
    }
    // Every listener gets the same object, so the WebSocket encoder serializes it once.
    for (const listener of [...set]) listener(message);
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.listeners.keys()];
    if (channels.length === 0 || this.closed) return;
    try {
      await this.sub.subscribe(...channels.map((c) => this.opts.prefix + c));
    } catch (err) {
      // The connection dropped again; the next 'ready' tries again.
      this.opts.log.warn({ reason: (err as Error).message }, 'Redis resubscribe failed');
      return;
    }
    const resync: BusMessage = { kind: 'resync' };
    for (const set of [...this.listeners.values()]) for (const listener of [...set]) listener(resync);
  }
}
