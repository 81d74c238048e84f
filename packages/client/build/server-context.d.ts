/**
 * Stands in for the server's request context (apps/api/src/context.ts) in the bundled `.d.ts`.
 * A router's `ctx` type is the server's own business: tRPC's client types read only the
 * procedures, the error shape and the transformer. The real one names the server's whole
 * insides (storage, logger, metrics), which would drag pino, prom-client and node:http into
 * every consumer's type-check.
 */
export type Context = object;
