import { setNotificationLevelInput } from '@chat/api-types';
import { notifyRoomsChanged } from '../live/user-events.ts';
import { roomAsSeenBy } from './membership.ts';
import { requireMember } from './room-access.ts';
import { protectedProcedure } from './trpc.ts';

/** Spread into the `room` router: what of a room notifies me, the same on every device of mine. */
export const notificationLevelProcedures = {
  /** Personal, so allowed in an archived room too; answers the room as I now see it. */
  setNotificationLevel: protectedProcedure.input(setNotificationLevelInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await requireMember(ctx.app, input.roomId, userId);
    await ctx.app.limits.consume('edit', userId);
    // My other devices refetch the room list; nobody else hears of it.
    if (await ctx.app.store.setNotificationLevel(input.roomId, userId, input.level)) await notifyRoomsChanged(ctx.app, [userId]);
    return roomAsSeenBy(ctx.app, input.roomId, userId);
  }),
};
