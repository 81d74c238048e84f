import { dmOpenInput } from '@chat/api-types';
import { DomainError } from '../storage/errors.ts';
import { protectedProcedure, router } from './trpc.ts';
import { notifyRoomsChanged } from '../live/user-events.ts';

export const dmRouter = router({
  open: protectedProcedure.input(dmOpenInput).mutation(async ({ ctx, input }) => {
    const me = ctx.session.user.id;
    if (!(await ctx.app.store.getUser(input.userId))) throw new DomainError('NOT_FOUND', 'user not found');
    const roomId = await ctx.app.store.openDirectRoom(me, input.userId);
    await notifyRoomsChanged(ctx.app, [me, input.userId]);
    const room = await ctx.app.store.getRoom(roomId, me);
    if (!room) throw new DomainError('NOT_FOUND', 'room not found');
    return room;
  }),
});
