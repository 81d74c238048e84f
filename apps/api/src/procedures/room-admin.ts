import { messageIdInput, removeMemberInput, roomIdInput, setArchivedInput, setRoleInput, updateRoomInput } from '@chat/api-types';
import type { App } from '../app.ts';
import { roomChannel } from '../fanout/fanout.ts';
import { removeBlobs } from '../files/file-gc.ts';
import { notifyRoomsChanged } from '../live/user-events.ts';
import type { StoredEvent } from '../storage/store.ts';
import { membershipGone, notifyMembership } from './membership.ts';
import { changeableMessage, removeMessage } from './message-removal.ts';
import { publish } from './publish.ts';
import { requireRoomRole } from './room-access.ts';
import { protectedProcedure } from './trpc.ts';

/** Renaming, archiving, removing members, deleting anyone's message there. */
const LOOKS_AFTER = ['owner', 'admin'] as const;
/** Naming admins and deleting the room. */
const OWNS = ['owner'] as const;

/** A change's notices reach open clients live, and every member's room list is refetched. */
async function announce(app: App, roomId: string, actorId: string, notices: (StoredEvent | null)[]): Promise<void> {
  const told = notices.filter((event) => event !== null);
  for (const event of told) await publish(app, event);
  if (told.length > 0) await notifyMembership(app, roomId, actorId);
}

/**
 * Spread into the `room` router: what a room's owner and admins (and the server admin) may do.
 * They answer nothing: the server admin may change a private room they cannot read, and every
 * member's clients hear of the change (the notice, and their room list to refetch).
 */
export const roomAdminProcedures = {
  update: protectedProcedure.input(updateRoomInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    await requireRoomRole(ctx.app, input.roomId, actorId, LOOKS_AFTER);
    await ctx.app.limits.consume('edit', actorId);
    const notices = await ctx.app.store.updateRoom({ roomId: input.roomId, actorId, now: Date.now(), name: input.name, topic: input.topic });
    await announce(ctx.app, input.roomId, actorId, notices);
  }),

  setArchived: protectedProcedure.input(setArchivedInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    await requireRoomRole(ctx.app, input.roomId, actorId, LOOKS_AFTER);
    await ctx.app.limits.consume('edit', actorId);
    const notice = await ctx.app.store.setArchived({ roomId: input.roomId, actorId, now: Date.now(), archived: input.archived });
    await announce(ctx.app, input.roomId, actorId, [notice]);
  }),

  setRole: protectedProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    await requireRoomRole(ctx.app, input.roomId, actorId, OWNS);
    await ctx.app.limits.consume('edit', actorId);
    const notice = await ctx.app.store.setRole({ roomId: input.roomId, actorId, now: Date.now(), userId: input.userId, role: input.role });
    await announce(ctx.app, input.roomId, input.userId, [notice]);
  }),

  /** As a leave does, it ends the member's streams of a private room at once; a public one they may still read. */
  removeMember: protectedProcedure.input(removeMemberInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    await requireRoomRole(ctx.app, input.roomId, actorId, LOOKS_AFTER);
    await ctx.app.limits.consume('edit', actorId);
    const notice = await ctx.app.store.removeMemberBy({ roomId: input.roomId, actorId, now: Date.now(), userId: input.userId });
    if (!notice) return;
    await publish(ctx.app, notice);
    await membershipGone(ctx.app, input.roomId, input.userId);
  }),

  delete: protectedProcedure.input(roomIdInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    await requireRoomRole(ctx.app, input.roomId, actorId, OWNS);
    await ctx.app.limits.consume('edit', actorId);
    const { memberIds, unusedBlobs } = await ctx.app.store.deleteRoom(input.roomId);
    ctx.app.log.info({ roomId: input.roomId, userId: actorId }, 'room deleted');
    // Every stream of the room ends, on every process.
    await ctx.app.fanout.publish(roomChannel(input.roomId), { kind: 'room-deleted', roomId: input.roomId });
    await notifyRoomsChanged(ctx.app, [actorId, ...memberIds]);
    await removeBlobs(ctx.app, unusedBlobs);
  }),

  /** Anyone's message, for whoever looks after its room; `message.delete` stays the author's own. */
  deleteMessage: protectedProcedure.input(messageIdInput).mutation(async ({ ctx, input }) => {
    const actorId = ctx.session.user.id;
    const current = changeableMessage(await ctx.app.store.getMessage(input.messageId));
    await requireRoomRole(ctx.app, current.roomId, actorId, LOOKS_AFTER);
    return removeMessage(ctx.app, actorId, current);
  }),
};
