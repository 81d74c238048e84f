import { changePasswordInput, revokeSessionInput, type SessionView } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import { protectedProcedure } from './trpc.ts';
import { describeDevice } from '../auth/device.ts';
import { announceEnded, endSessions } from '../auth/end-sessions.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { aliveAt } from '../auth/session-lifetime.ts';

/** Sign-ins are cheap to repeat; the list stays a list a person can read. */
const MAX_LISTED = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** What a person does with their own sessions: see them, end one, end all but this one, change the password. */
export const sessionProcedures = {
  sessions: protectedProcedure.query(async ({ ctx }) => {
    const { user, sessionId } = ctx.session;
    const sessions = await ctx.app.store.listSessions(user.id, aliveAt(ctx.app.config), MAX_LISTED);
    return sessions.map((s): SessionView => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      createdAt: iso(s.createdAt),
      lastUsedAt: iso(s.lastUsedAt),
      current: s.id === sessionId,
    }));
  }),

  revoke: protectedProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    // Someone else's session is as unknown as one that never was.
    if ((await endSessions(ctx.app, ctx.session.user.id, { only: input.sessionId })) === 0) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'you have no such session' });
    }
  }),

  logoutOthers: protectedProcedure.mutation(async ({ ctx }) => ({
    ended: await endSessions(ctx.app, ctx.session.user.id, { except: ctx.session.sessionId }),
  })),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const { user, sessionId } = ctx.session;
    // Whoever holds a stolen session must not learn the password by guessing it here either.
    const attempt = await ctx.app.signIns.attempt(user.username, ctx.ip);
    const account = await ctx.app.store.findUserForLogin(user.username);
    if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
      // Not UNAUTHORIZED: the session is fine, and clients take that code to mean it has ended.
      throw new TRPCError({ code: 'FORBIDDEN', message: 'the current password is wrong' });
    }
    await attempt.succeeded();
    const ended = await ctx.app.store.changePassword({
      userId: user.id,
      passwordHash: await hashPassword(input.newPassword),
      keepSessionId: sessionId,
      alive: aliveAt(ctx.app.config),
    });
    return { ended: await announceEnded(ctx.app, ended) };
  }),
};
