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
function withoutQueryValues(err: unknown): unknown {
  const chain: Error[] = [];
  // A chain of causes may loop back on itself.
  for (let e = err; e instanceof Error && !chain.includes(e); e = e.cause) chain.push(e);
  const cuts = chain.filter((e) => e instanceof DrizzleQueryError).map((e) => [e.message, `Failed query: ${e.query}`] as const);
  if (cuts.length === 0) return err;
  const clean = (text: string) => cuts.reduce((t, [unsafe, safe]) => t.replaceAll(unsafe, safe), text);
  const copies = chain.map((e) => {
    const safe = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e)) as Error & { params?: unknown };
    safe.message = clean(e.message);
    safe.stack = e.stack === undefined ? undefined : clean(e.stack);
    delete safe.params;
    return safe;
  });
  copies.forEach((safe, i) => {
    const original = chain[i]?.cause;
    safe.cause = copies[i + 1] ?? (original instanceof Error ? undefined : original);
  });
  return copies[0];
}
