import { createRoomInput, inviteInput, roomIdInput, setTypingInput, type RoomMember } from '@chat/api-types';
import { roomChannel } from '../fanout/fanout.ts';
import { DomainError } from '../storage/errors.ts';
import { protectedProcedure, router } from './trpc.ts';
import { roomTyping } from '../live/room-typing.ts';
import { notifyRoomsChanged } from '../live/user-events.ts';
import { requireMember, requireMembership, requireReadable } from './room-access.ts';
import { membershipGone, notifyMembership, roomAsSeenBy } from './membership.ts';
import { roomAdminProcedures } from './room-admin.ts';
import { roomPresence } from '../live/room-presence.ts';
import { notificationLevelProcedures } from './notification-levels.ts';
import { seenByProcedures } from './seen-by.ts';

export const roomRouter = router({
  list: protectedProcedure.query(({ ctx }) => ctx.app.store.listRooms(ctx.session.user.id)),

  create: protectedProcedure.input(createRoomInput).mutation(async ({ ctx, input }) => {
    await ctx.app.limits.consume('createRoom', ctx.session.user.id);
    const roomId = await ctx.app.store.createRoom({
      name: input.name,
      topic: input.topic ?? '',
      kind: input.kind ?? 'public',
      createdBy: ctx.session.user.id,
    });
    await notifyRoomsChanged(ctx.app, [ctx.session.user.id]);
    return roomAsSeenBy(ctx.app, roomId, ctx.session.user.id);
  }),

  join: protectedProcedure.input(roomIdInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    const room = await ctx.app.store.getRoomSummary(input.roomId);
    if (!room) throw new DomainError('NOT_FOUND', 'room not found');
    // Invitations add the invitee as a member, so "invited" and "member" are the same here.
    if (room.kind !== 'public' && !(await ctx.app.store.isMember(room.id, userId))) {
      throw new DomainError('FORBIDDEN', 'this room is invite-only');
    }
    await ctx.app.store.addMember(room.id, userId);
    await notifyMembership(ctx.app, room.id, userId);
    return roomAsSeenBy(ctx.app, room.id, userId);
  }),

  leave: protectedProcedure.input(roomIdInput).mutation(async ({ ctx, input }) => {
    const room = await ctx.app.store.getRoomSummary(input.roomId);
    if (!room) throw new DomainError('NOT_FOUND', 'room not found');
    // Not a member: nothing changes, so nobody is told (an outsider cannot make every member refetch).
    if (!(await ctx.app.store.isMember(room.id, ctx.session.user.id))) return;
    // Leaving would leave the other person writing to someone who can no longer read.
    if (room.kind === 'direct') throw new DomainError('BAD_REQUEST', 'roomId: a direct message cannot be left');
    await ctx.app.store.removeMember(room.id, ctx.session.user.id);
    await membershipGone(ctx.app, room.id, ctx.session.user.id);
  }),

  invite: protectedProcedure.input(inviteInput).mutation(async ({ ctx, input }) => {
    const room = await requireMember(ctx.app, input.roomId, ctx.session.user.id);
    if (room.kind === 'direct') throw new DomainError('BAD_REQUEST', 'roomId: a direct message has exactly two people');
    if (!(await ctx.app.store.getUser(input.userId))) throw new DomainError('NOT_FOUND', 'user not found');
    await ctx.app.store.addMember(room.id, input.userId);
    await notifyMembership(ctx.app, room.id, input.userId);
  }),

  members: protectedProcedure.input(roomIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    const members = await ctx.app.store.listMembers(input.roomId);
    const online = await ctx.app.presence.onlineAmong(members.map((m) => m.user.id));
    return members.map(({ user, role }): RoomMember => ({ user, role, online: online.has(user.id) }));
  }),

  setTyping: protectedProcedure.input(setTypingInput).mutation(async ({ ctx, input }) => {
    await requireMembership(ctx.app, input.roomId, ctx.session.user.id);
    await ctx.app.limits.consume('typing', ctx.session.user.id);
    await ctx.app.fanout.publish(roomChannel(input.roomId), {
      kind: 'typing',
      roomId: input.roomId,
      user: ctx.session.user,
      typing: input.typing,
    });
  }),

  // Access is checked before the stream is returned, so a refusal is a clean FORBIDDEN.
  onTyping: protectedProcedure.input(roomIdInput).subscription(async ({ ctx, input, signal }) => {
    const room = await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    return roomTyping({ app: ctx.app, room, session: ctx.session, signal });
  }),

  /** The members' presence as it changes: a snapshot of who is online, then each change. */
  onPresence: protectedProcedure.input(roomIdInput).subscription(async ({ ctx, input, signal }) => {
    const room = await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    return roomPresence({ app: ctx.app, room, session: ctx.session, signal });
  }),

  ...roomAdminProcedures,
  ...notificationLevelProcedures,
  ...seenByProcedures,
});
