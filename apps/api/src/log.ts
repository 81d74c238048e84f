import { DrizzleQueryError } from 'drizzle-orm';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Defence in depth: nothing that names a secret is ever written, whatever a caller logs.
      redact: {
        paths: ['token', '*.token', 'password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'connectionParams'],
        censor: '[redacted]',
      },
      serializers: { err: (err: Error) => stdSerializers.err(withoutQueryValues(err) as Error) },
    },
    destination,
  );
}

/**
 * A failed query's SQL helps whoever reads the log; its values do not belong there (message
 * bodies, password and token hashes). Drizzle writes both into a PostgreSQL query error's
 * message, and errors wrapping it (a TRPCError) take that message over: the whole chain of
 * causes is logged as copies with the values cut out. The errors themselves stay as they are.
 */
export function withoutQueryValues(err: unknown): unknown {
  const cuts: [unsafe: string, safe: string][] = [];
  for (let e = err; e instanceof Error; e = e.cause) {
    if (e instanceof DrizzleQueryError) cuts.push([e.message, `Failed query: ${e.query}`]);
  }
  if (cuts.length === 0) return err;
  const clean = (text: string) => cuts.reduce((t, [unsafe, safe]) => t.replaceAll(unsafe, safe), text);
  const copy = (e: unknown): unknown => {
    if (!(e instanceof Error)) return e;
    const safe = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e)) as Error & { params?: unknown };
    safe.message = clean(e.message);
    safe.stack = e.stack === undefined ? undefined : clean(e.stack);
    safe.cause = copy(e.cause);
    delete safe.params;
    return safe;
  };
  return copy(err);
}
