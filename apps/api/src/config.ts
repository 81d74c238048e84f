import { resolve } from 'node:path';
import { z } from 'zod';

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
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).max(2 ** 40).default(10 * 1024 * 1024),
  // Comma-separated MIME patterns (`image/*,application/pdf`); `*` accepts every type.
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .regex(/^\s*(\*|[\w.+-]+\/(\*|[\w.+-]+))(\s*,\s*(\*|[\w.+-]+\/(\*|[\w.+-]+)))*\s*$/, 'must be MIME patterns like image/*,application/pdf')
    .default('*'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  rateLimit: boolean;
  maxUploadBytes: number;
  uploadAllowedTypes: string[];
  /** PostgreSQL storage instead of the SQLite file in dataDir. */
  databaseUrl?: string;
  /** Redis fan-out, presence and rate limits instead of in-process ones. */
  redisUrl?: string;
  redisPrefix?: string;
}

/** Reads the environment; a bad value is reported as one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'bad value'}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    // npm runs workspace scripts inside the workspace; a relative DATA_DIR means relative to
    // where the user typed the command (npm's INIT_CWD), i.e. ./data at the repository root.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
    rateLimit: c.RATE_LIMIT === 'on',
    maxUploadBytes: c.MAX_UPLOAD_BYTES,
    uploadAllowedTypes: c.UPLOAD_ALLOWED_TYPES.split(',').map((p) => p.trim()),
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    ...(c.REDIS_URL ? { redisUrl: c.REDIS_URL, redisPrefix: c.REDIS_PREFIX } : {}),
  };
}
