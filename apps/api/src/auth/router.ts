import { loginInput, registerInput, username } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import { SESSIONS_CHANNEL } from '../fanout/fanout.ts';
import type { App } from '../app.ts';
import type { User } from '../storage/store.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, newToken, SESSION_TTL_MS } from './tokens.ts';

async function startSession(app: App, user: User): Promise<{ token: string; user: User }> {
  const token = newToken();
  await app.store.createSession({ tokenHash: hashToken(token), userId: user.id, expiresAt: Date.now() + SESSION_TTL_MS });
  return { token, user };
}

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await ctx.app.limits.consume('auth', ctx.ip);
    const user = await ctx.app.store.createUser({
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await hashPassword(input.password),
    });
    await ctx.app.store.addMember(ctx.app.welcomeRoomId, user.id);
    ctx.app.log.info({ userId: user.id }, 'user registered');
    return startSession(ctx.app, user);
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    await ctx.app.limits.consume('auth', ctx.ip);
    // No account can have a name that registration refuses (nor can a database take every text).
    const found = username.safeParse(input.username).success ? await ctx.app.store.findUserForLogin(input.username) : null;
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), input.password);
    if (!found || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'wrong username or password' });
    return startSession(ctx.app, found.user);
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    await ctx.app.store.deleteSession(ctx.session.sessionId);
    await ctx.app.fanout.publish(SESSIONS_CHANNEL, { kind: 'session-revoked', sessionId: ctx.session.sessionId });
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const session = ctx.session;
    if (!session || !(await ctx.app.store.isSessionActive(session.sessionId, Date.now()))) return null;
    return session.user;
  }),
});
