import { accountsInput, setDeactivatedInput } from '@chat/api-types';
import type { App } from '../app.ts';
import { announceEnded } from '../auth/end-sessions.ts';
import { aliveAt } from '../auth/session-lifetime.ts';
import { notifyProfileChanged } from '../live/user-events.ts';
import { DomainError } from '../storage/errors.ts';
import { protectedProcedure, router } from './trpc.ts';

async function requireServerAdmin(app: App, userId: string): Promise<void> {
  if (!(await app.store.getAccount(userId))?.serverAdmin) throw new DomainError('FORBIDDEN', 'only the server admin may do this');
}

/** What the server admin (the server's first account) does for the whole server. */
export const adminRouter = router({
  users: protectedProcedure.input(accountsInput).query(async ({ ctx, input }) => {
    await requireServerAdmin(ctx.app, ctx.session.user.id);
    return ctx.app.store.listAccounts(input.query ?? '', input.limit ?? 50);
  }),

  /** Deactivating ends every session of the account at once, open sockets included; its messages stay. */
  setDeactivated: protectedProcedure.input(setDeactivatedInput).mutation(async ({ ctx, input }) => {
    const adminId = ctx.session.user.id;
    await requireServerAdmin(ctx.app, adminId);
    if (input.userId === adminId) throw new DomainError('BAD_REQUEST', 'userId: the server admin cannot deactivate their own account');
    const ended = await ctx.app.store.setDeactivated({ userId: input.userId, deactivated: input.deactivated, alive: aliveAt(ctx.app.config), now: Date.now() });
    await announceEnded(ctx.app, ended);
    // Profiles show it, to everyone.
    await notifyProfileChanged(ctx.app, input.userId);
    ctx.app.log.info({ userId: input.userId, by: adminId, deactivated: input.deactivated }, 'account (de)activated');
  }),
});
