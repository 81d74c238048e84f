import { userSearchInput } from '@chat/api-types';
import { protectedProcedure, router } from '../trpc.ts';
import { userEvents } from './user-events.ts';

export const userRouter = router({
  search: protectedProcedure.input(userSearchInput).query(({ ctx, input }) =>
    input.query ? ctx.app.store.searchUsers(input.query, 20) : [],
  ),

  onEvent: protectedProcedure.subscription(({ ctx, signal }) => userEvents(ctx.app, ctx.session, signal)),
});
