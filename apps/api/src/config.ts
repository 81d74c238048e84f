import { resolve } from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import type { ProxyTrust } from './client-address.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const DAY = 86_400_000;

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
const millis = (fallback: number) => z.coerce.number().int().min(100).max(24 * 3_600_000).default(fallback);
const bytes = (fallback: number, min = 1) => z.coerce.number().int().min(min).max(2 ** 50).default(fallback);
// Whole seconds, which is what the counters shared through Redis keep; at most 24 days, since an
// in-process counter lives on a Node timer, and those cannot run longer than 24.8 days.
const seconds = (fallback: number) => z.coerce.number().int().min(1).max(24 * 86_400).default(fallback);

/**
 * What one client may make the server hold or do: every input is bounded by one of these, so a
 * hostile client gets a clear refusal and everyone else goes on as before. Each is read from the
 * environment variable of its name in upper snake case (`httpMaxBodyBytes`: HTTP_MAX_BODY_BYTES);
 * README lists them.
 */
export const limitsShape = {
  httpMaxBodyBytes: bytes(1 * MiB),
  httpMaxBatch: count(50),
  httpHeadersTimeoutMs: millis(10_000),
  // Uploads are exempt while bytes keep coming (uploadIdleTimeoutMs).
  httpRequestTimeoutMs: millis(30_000),
  uploadIdleTimeoutMs: millis(30_000),
  wsMaxFrameBytes: bytes(1 * MiB, 1024),
  wsMaxCallsPerFrame: count(550),
  wsMaxCallsInFlight: count(50),
  wsMaxSubscriptions: count(500),
  wsMaxSocketsPerUser: count(32),
  wsMaxUnsignedPerAddress: count(50),
  wsUnsignedTimeoutMs: millis(60_000),
  // Up to what libvips decodes at all (0x3FFF × 0x3FFF); not a `count`, whose bound is far lower.
  imageMaxPixels: z.coerce.number().int().min(1).max(268_402_689).default(40_000_000),
  thumbnailConcurrency: count(2).pipe(z.number().max(64)),
  uploadMaxConcurrentPerUser: count(2),
  uploadQuotaBytes: bytes(1 * GiB),
  uploadMinFreeDiskBytes: bytes(1 * GiB, 0),
  // Signing in and up, per address and per account (auth/sign-in-throttle.ts says why these rules).
  signinFailuresPerAddress: count(50),
  signinAddressWindowSeconds: seconds(3600),
  signinFailuresPerAccountAddress: count(10),
  signinAccountAddressBlockSeconds: seconds(900),
  signinFreeFailuresPerAccount: count(5),
  signinBackoffBaseSeconds: seconds(1),
  signinBackoffMaxSeconds: seconds(900),
  signinFailureMemorySeconds: seconds(86_400),
  signinKnownAddressSeconds: seconds(14 * 86_400),
  registrationsPerAddress: count(100),
  registrationWindowSeconds: seconds(3600),
  // "Seen by" (room.onReads) sends every member's read marker, so it is kept for small rooms.
  seenByMaxMembers: count(50),
};

export type Limits = { [K in keyof typeof limitsShape]: z.infer<(typeof limitsShape)[K]> };

export const envName = (setting: string): string => setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

const limitsSchema = z
  .object(Object.fromEntries(Object.entries(limitsShape).map(([key, s]) => [envName(key), s])))
  .transform((env) => Object.fromEntries(Object.keys(limitsShape).map((key) => [key, env[envName(key)]])) as Limits)
  // A client reconnecting sends all its subscriptions and unanswered calls in one frame.
  .refine((l) => l.wsMaxCallsPerFrame >= l.wsMaxSubscriptions + l.wsMaxCallsInFlight, {
    message: 'must be at least WS_MAX_SUBSCRIPTIONS + WS_MAX_CALLS_IN_FLIGHT, which a reconnecting client may send at once',
    path: ['WS_MAX_CALLS_PER_FRAME'],
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // Namespace of every Redis key and channel, so deployments (or test runs) can share a Redis.
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1–64 characters of letters, digits, _ . : -')
    .default('chat:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  // full: every acknowledged message survives a power cut too, at an fsync per commit (README: Backups).
  SQLITE_SYNC: z.enum(['normal', 'full']).default('normal'),
  // A session ends after this many days unused, and this many days after sign-in however used.
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).max(2 ** 40).default(10 * 1024 * 1024),
  // Comma-separated MIME patterns (`image/*,application/pdf`); `*` accepts every type.
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .regex(/^\s*(\*|[\w.+-]+\/(\*|[\w.+-]+))(\s*,\s*(\*|[\w.+-]+\/(\*|[\w.+-]+)))*\s*$/, 'must be MIME patterns like image/*,application/pdf')
    .default('*'),
  // Comma-separated origins (https://chat.example.com) whose pages may open the WebSocket besides the server's own.
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((o) => o.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/, 'must be origins like https://chat.example.com, comma-separated'))),
  // When set, GET /metrics wants `Authorization: Bearer <token>`.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // How far X-Forwarded-For is believed (client-address.ts): a number of proxies, or their addresses.
  TRUST_PROXY: z.string().trim().default('').transform(proxyTrust),
});

/** Every environment variable the server reads. */
export const settingNames = (): string[] => [...Object.keys(schema.shape), ...Object.keys(limitsShape).map(envName)];

function proxyTrust(value: string, ctx: z.RefinementCtx): ProxyTrust | undefined {
  if (value === '') return undefined;
  const message = 'must be the number of proxies in front (1) or their addresses and CIDR ranges (127.0.0.1,10.0.0.0/8)';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 100) return hops;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  const addresses = value.split(',').map((a) => a.trim());
  try {
    proxyAddr.compile(addresses);
    return addresses;
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `${message}; ${(err as Error).message}` });
    return z.NEVER;
  }
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  rateLimit: boolean;
  sqliteSync: 'normal' | 'full';
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  sessionMaxMs: number;
  maxUploadBytes: number;
  uploadAllowedTypes: string[];
  /** Origins besides the server's own whose pages may open the WebSocket. */
  allowedOrigins: string[];
  /** Required as a bearer token by GET /metrics when set. */
  metricsToken?: string;
  /** Which peers may name the client in X-Forwarded-For; unset: none, the peer is the client. */
  trustProxy?: ProxyTrust;
  limits: Limits;
  /** PostgreSQL storage instead of the SQLite file in dataDir. */
  databaseUrl?: string;
  /** Redis fan-out, presence and rate limits instead of in-process ones. */
  redisUrl?: string;
  redisPrefix?: string;
}

/** Reads the environment; a bad value is reported as one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const c = parse(schema, env);
  return {
    port: c.PORT,
    host: c.HOST,
    // npm runs workspace scripts inside the workspace; a relative DATA_DIR means relative to
    // where the user typed the command (npm's INIT_CWD), i.e. ./data at the repository root.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
    rateLimit: c.RATE_LIMIT === 'on',
    sqliteSync: c.SQLITE_SYNC,
    sessionIdleMs: c.SESSION_IDLE_DAYS * DAY,
    sessionMaxMs: c.SESSION_MAX_DAYS * DAY,
    maxUploadBytes: c.MAX_UPLOAD_BYTES,
    uploadAllowedTypes: c.UPLOAD_ALLOWED_TYPES.split(',').map((p) => p.trim()),
    allowedOrigins: c.ALLOWED_ORIGINS,
    ...(c.METRICS_TOKEN ? { metricsToken: c.METRICS_TOKEN } : {}),
    ...(c.TRUST_PROXY === undefined ? {} : { trustProxy: c.TRUST_PROXY }),
    limits: parse(limitsSchema, env),
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    ...(c.REDIS_URL ? { redisUrl: c.REDIS_URL, redisPrefix: c.REDIS_PREFIX } : {}),
  };
}

function parse<T>(s: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = s.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`invalid ${issue?.path.join('.') || 'environment'}: ${issue?.message ?? 'bad value'}`);
}
