import { updateProfileInput, userSearchInput } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import { protectedProcedure, router } from './trpc.ts';
import { notifyProfileChanged, notifyRenamed, userEvents } from '../live/user-events.ts';
import { profileProcedures } from './profiles.ts';

export const userRouter = router({
  search: protectedProcedure.input(userSearchInput).query(({ ctx, input }) =>
    input.query ? ctx.app.store.searchUsers(input.query, 20) : [],
  ),

  updateProfile: protectedProcedure.input(updateProfileInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await ctx.app.limits.consume('edit', userId);
    const user = await ctx.app.store.updateDisplayName(userId, input.displayName);
    if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'user not found' });
    await notifyRenamed(ctx.app, userId);
    await notifyProfileChanged(ctx.app, userId);
    return user;
  }),

  ...profileProcedures,

  onEvent: protectedProcedure.subscription(({ ctx, signal }) => userEvents(ctx.app, ctx.session, signal)),
});
