import { loginInput, registerInput, type User, username } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import { sessionHolds, type Context } from '../context.ts';
import { protectedProcedure, publicProcedure, router } from './trpc.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endSessions } from '../auth/end-sessions.ts';
import { sessionProcedures } from './sessions.ts';
import { hashToken, newToken } from '../auth/tokens.ts';

/** Enough of a User-Agent to tell devices apart, not all that a client may send. */
const MAX_USER_AGENT = 256;

async function startSession(ctx: Context, user: User): Promise<{ token: string; user: User }> {
  const token = newToken();
  const now = Date.now();
  await ctx.app.store.createSession({
    tokenHash: hashToken(token),
    userId: user.id,
    userAgent: ctx.userAgent.slice(0, MAX_USER_AGENT),
    now,
    expiresAt: now + ctx.app.config.sessionMaxMs,
  });
  return { token, user };
}

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await ctx.app.signIns.registration(ctx.ip);
    const user = await ctx.app.store.createUser({
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await hashPassword(input.password),
    });
    await ctx.app.store.addMember(ctx.app.welcomeRoomId, user.id);
    await ctx.app.signIns.signedUp(user.username, ctx.ip);
    ctx.app.log.info({ userId: user.id }, 'user registered');
    return startSession(ctx, user);
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const attempt = await ctx.app.signIns.attempt(input.username, ctx.ip);
    // No account can have a name that registration refuses (nor can a database take every text).
    const found = username.safeParse(input.username).success ? await ctx.app.store.findUserForLogin(input.username) : null;
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), input.password);
    if (!found || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'wrong username or password' });
    await attempt.succeeded();
    // Said only to someone who knows the password: the account's owner.
    if (found.deactivated) throw new TRPCError({ code: 'FORBIDDEN', message: 'this account is deactivated; ask the server admin' });
    return startSession(ctx, found.user);
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    await endSessions(ctx.app, ctx.session.user.id, { only: ctx.session.sessionId });
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const session = ctx.session;
    if (!session || !sessionHolds(ctx)) return null;
    // Read afresh: the name may have changed since this socket signed in.
    return ctx.app.store.getUser(session.user.id);
  }),

  /** My account: whether I am the server admin. Apart from `me`, whose answer the contract fixes as a User. */
  account: protectedProcedure.query(async ({ ctx }) => {
    const account = await ctx.app.store.getAccount(ctx.session.user.id);
    if (!account) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the account is gone' });
    return account;
  }),

  ...sessionProcedures,
});
