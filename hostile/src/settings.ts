const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The server's limits (README, "Limits"), with the server's defaults. */
export const SERVER_DEFAULTS = {
  httpMaxBodyBytes: 1 * MiB,
  httpMaxBatch: 50,
  httpHeadersTimeoutMs: 10_000,
  httpRequestTimeoutMs: 30_000,
  uploadIdleTimeoutMs: 30_000,
  wsMaxFrameBytes: 1 * MiB,
  wsMaxCallsPerFrame: 550,
  wsMaxCallsInFlight: 50,
  wsMaxSubscriptions: 500,
  wsMaxSocketsPerUser: 32,
  wsMaxUnsignedPerAddress: 50,
  wsUnsignedTimeoutMs: 60_000,
  imageMaxPixels: 40_000_000,
  thumbnailConcurrency: 2,
  uploadMaxConcurrentPerUser: 2,
  uploadQuotaBytes: 1 * GiB,
  uploadMinFreeDiskBytes: 1 * GiB,
  maxUploadBytes: 10 * MiB,
};

export type Limits = typeof SERVER_DEFAULTS;

/** Timeouts short enough that every slow attack ends within seconds. */
export const SUITE_LIMITS: Partial<Limits> = {
  httpHeadersTimeoutMs: 1000,
  httpRequestTimeoutMs: 2000,
  uploadIdleTimeoutMs: 1000,
  wsUnsignedTimeoutMs: 2000,
};

/** `httpMaxBodyBytes` → `HTTP_MAX_BODY_BYTES`, as the server reads it. */
const envName = (setting: string): string => setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

export function limitsEnv(limits: Partial<Limits>): Record<string, string> {
  return Object.fromEntries(Object.entries(limits).map(([key, value]) => [envName(key), String(value)]));
}
