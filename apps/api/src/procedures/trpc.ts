import { initTRPC, TRPCError } from '@trpc/server';
import { aliveAt } from '../auth/session-lifetime.ts';
import type { Context } from '../context.ts';
import { describeValidation, toTRPCError } from '../errors.ts';
import { protocolRefusal } from './protocol.ts';
import type { SessionInfo } from '../storage/store.ts';

const t = initTRPC.context<Context>().create({
  // Stack traces only in development: tRPC would otherwise send them unless NODE_ENV=production.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const field = error.code === 'BAD_REQUEST' ? describeValidation(error.cause) : null;
    return field ? { ...shape, message: field, data: { ...shape.data, field: field.split(':')[0] } } : shape;
  },
});

export const router = t.router;

const observed = t.middleware(async ({ ctx, path, type, next }) => {
  // Here rather than in the context, which must never throw (context.ts).
  const refusal = protocolRefusal(ctx.protocol);
  if (refusal) throw refusal;
  const stop = ctx.app.metrics.procedureDuration.startTimer({ path, type });
  const result = await next();
  stop({ ok: String(result.ok) });
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped instanceof TRPCError && mapped.code === 'SERVICE_UNAVAILABLE') {
      ctx.app.log.warn({ path, reason: errorText(result.error.cause) }, 'procedure failed: a backing service is unavailable');
    }
    if (mapped !== result.error.cause) throw mapped;
    if (result.error.code === 'INTERNAL_SERVER_ERROR') ctx.app.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
  }
  return result;
});

/** The innermost message: the driver's own ("terminating connection …"), not a wrapper's. */
function errorText(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export const publicProcedure = t.procedure.use(observed);

/**
 * Checks the session on every call, not only when the socket opened: a logout (from any
 * tab or server process) must stop a token at once on sockets that are already open.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const session = ctx.session;
  if (!session || !(await ctx.app.store.isSessionActive(session.sessionId, aliveAt(ctx.app.config)))) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  }
  // Reads cost the server too; writes have budgets of their own.
  if (type === 'query') await ctx.app.limits.consume('query', session.user.id);
  return next({ ctx: { session: session satisfies SessionInfo } });
});
