import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import { sessionHolds, type Context } from '../context.ts';
import { describeValidation, toTRPCError } from '../errors.ts';
import { protocolRefusal } from './protocol.ts';
import type { SessionInfo } from '../storage/store.ts';

const t = initTRPC.context<Context>().create({
  // Stack traces only in development: tRPC would otherwise send them unless NODE_ENV=production.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    if (error.code !== 'BAD_REQUEST') return shape;
    // A schema's refusal and our own rules' ("roomId: the room is archived") alike say "field: problem".
    const message = describeValidation(error.cause) ?? error.message;
    const field = /^([\w.]+): /.exec(message)?.[1];
    return { ...shape, message, data: field ? { ...shape.data, field } : shape.data };
  },
});

export const router = t.router;

/** What a middleware's `next()` gives back, as far as observing it goes. */
type Outcome = { ok: true } | { ok: false; error: TRPCError };

/**
 * What every call goes through: the protocol check, its duration, and errors mapped and logged.
 * Each procedure has this one middleware, the protected ones with their session check inside it,
 * rather than a chain: tRPC copies a call's options for every link of one.
 */
async function observe<R extends Outcome>(ctx: Context, path: string, type: string, call: () => Promise<R>): Promise<R> {
  // Here rather than in the context, which must never throw (context.ts).
  const refusal = protocolRefusal(ctx.protocol);
  if (refusal) throw refusal;
  const stop = ctx.app.metrics.procedureDuration.startTimer({ path, type });
  let result: R;
  try {
    result = await call();
  } catch (cause) {
    stop({ ok: 'false' });
    const error = getTRPCErrorFromUnknown(cause);
    failed(ctx, path, error);
    throw error;
  }
  stop({ ok: String(result.ok) });
  if (!result.ok) failed(ctx, path, result.error);
  return result;
}

/** Throws what the failure's cause stands for (a DomainError's own code, …), and logs what an operator must see. */
function failed(ctx: Context, path: string, error: TRPCError): void {
  const mapped = toTRPCError(error.cause);
  if (mapped instanceof TRPCError && mapped.code === 'SERVICE_UNAVAILABLE') {
    ctx.app.log.warn({ path, reason: errorText(error.cause) }, 'procedure failed: a backing service is unavailable');
  }
  if (mapped !== error.cause) throw mapped;
  if (error.code === 'INTERNAL_SERVER_ERROR') ctx.app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
}

/** The innermost message: the driver's own ("terminating connection …"), not a wrapper's. */
function errorText(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export const publicProcedure = t.procedure.use(({ ctx, path, type, next }) => observe(ctx, path, type, () => next()));

/** A logout (from any tab or server process) stops a token at once on sockets already open too (context.ts). */
export const protectedProcedure = t.procedure.use(({ ctx, path, type, next }) =>
  observe(ctx, path, type, async () => {
    const session = ctx.session;
    if (!session || !sessionHolds(ctx)) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    // Reads cost the server too; writes have budgets of their own.
    if (type === 'query') await ctx.app.limits.consume('query', session.user.id);
    return next({ ctx: { session: session satisfies SessionInfo } });
  }),
);
