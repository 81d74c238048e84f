import { roomIdInput } from '@chat/api-types';
import { roomReads } from '../live/room-reads.ts';
import { DomainError } from '../storage/errors.ts';
import { requireReadable } from './room-access.ts';
import { protectedProcedure } from './trpc.ts';

/** Spread into the `room` router: who has read how far, for those who may read the room. */
export const seenByProcedures = {
  /**
   * Every member's marker is sent, and each of its moves, so this is kept for rooms of at most
   * SEEN_BY_MAX_MEMBERS members, counted when the stream starts: one that grows past it goes on.
   */
  onReads: protectedProcedure.input(roomIdInput).subscription(async ({ ctx, input, signal }) => {
    const room = await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    const max = ctx.app.config.limits.seenByMaxMembers;
    // One row past the limit tells a larger room, however large, at the price of a small one.
    if ((await ctx.app.store.readMarkers(room.id, max + 1)).length > max) {
      throw new DomainError('BAD_REQUEST', `roomId: seen-by is kept for rooms of at most ${max} members`);
    }
    return roomReads({ app: ctx.app, room, session: ctx.session, signal });
  }),
};
