import { editMessageInput, historyInput, markReadInput, type Message, messageIdInput, onEventInput, searchMessagesInput, sendMessageInput } from '@chat/api-types';
import type { z } from 'zod';
import type { App } from '../app.ts';
import { changeableMessage, removeMessage } from './message-removal.ts';
import { requireMembership, requireReadable } from './room-access.ts';
import { DomainError } from '../storage/errors.ts';
import type { HistoryPosition } from '../storage/store.ts';
import { protectedProcedure, router } from './trpc.ts';
import { RoomEventStream } from '../live/room-event-stream.ts';
import { messageExtraProcedures } from './message-extras.ts';
import { publish } from './publish.ts';
import { eventProtocol } from './protocol.ts';
import { announceRead } from '../live/room-reads.ts';

async function ownMessage(app: App, messageId: string, userId: string): Promise<Message> {
  const message = changeableMessage(await app.store.getMessage(messageId));
  if (message.author.id !== userId) throw new DomainError('FORBIDDEN', 'only the author may change a message');
  return message;
}

async function historyPosition(app: App, input: z.infer<typeof historyInput>): Promise<HistoryPosition> {
  if (input.after) return { after: Number(input.after) };
  if (!input.around) return { before: input.before ? Number(input.before) : null };
  const message = await app.store.getMessage(input.around);
  if (!message || message.roomId !== input.roomId) throw new DomainError('NOT_FOUND', 'around: message not found in this room');
  return { around: message.seq };
}

export const messageRouter = router({
  history: protectedProcedure.input(historyInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    return ctx.app.store.history({ roomId: input.roomId, position: await historyPosition(ctx.app, input), limit: input.limit ?? 50 });
  }),

  send: protectedProcedure.input(sendMessageInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await requireMembership(ctx.app, input.roomId, userId);
    if (!input.body.trim() && !input.attachmentIds?.length) {
      throw new DomainError('BAD_REQUEST', 'body: must not be blank unless files are attached');
    }
    await ctx.app.limits.consume('send', userId);
    const { message, event } = await ctx.app.store.sendMessage({
      roomId: input.roomId,
      authorId: userId,
      body: input.body,
      clientMsgId: input.clientMsgId,
      attachmentIds: input.attachmentIds,
      replyToId: input.replyToId,
      now: Date.now(),
    });
    if (event) {
      ctx.app.metrics.messagesStored.inc();
      await publish(ctx.app, event);
    } else {
      // A retry: the first attempt may have stored the message and then died (a killed process,
      // a dropped connection) before publishing it. Publishing it again is harmless, since
      // subscribers drop events they already have, and closes that gap for them at once.
      const [created] = await ctx.app.store.eventsAfter(message.roomId, message.seq - 1, 1);
      if (created?.seq === message.seq) await publish(ctx.app, created);
    }
    return message;
  }),

  edit: protectedProcedure.input(editMessageInput).mutation(async ({ ctx, input }) => {
    const current = await ownMessage(ctx.app, input.messageId, ctx.session.user.id);
    // Someone who left a room no longer speaks in it, not even through their old messages.
    await requireMembership(ctx.app, current.roomId, ctx.session.user.id);
    if (current.deleted) throw new DomainError('BAD_REQUEST', 'messageId: the message was deleted');
    if (!input.body.trim()) throw new DomainError('BAD_REQUEST', 'body: must not be blank');
    await ctx.app.limits.consume('edit', ctx.session.user.id);
    const event = await ctx.app.store.editMessage({ messageId: input.messageId, body: input.body, now: Date.now() });
    await publish(ctx.app, event);
    return event.payload.message;
  }),

  delete: protectedProcedure.input(messageIdInput).mutation(async ({ ctx, input }) => {
    return removeMessage(ctx.app, ctx.session.user.id, await ownMessage(ctx.app, input.messageId, ctx.session.user.id));
  }),

  markRead: protectedProcedure.input(markReadInput).mutation(async ({ ctx, input }) => {
    await requireMembership(ctx.app, input.roomId, ctx.session.user.id);
    const message = await ctx.app.store.getMessage(input.messageId);
    if (!message || message.roomId !== input.roomId) throw new DomainError('NOT_FOUND', 'message not found in this room');
    const userId = ctx.session.user.id;
    if (await ctx.app.store.markRead({ roomId: input.roomId, userId, seq: message.seq })) {
      await announceRead(ctx.app, input.roomId, userId, message.seq);
    }
  }),

  search: protectedProcedure.input(searchMessagesInput).query(async ({ ctx, input }) => {
    await ctx.app.limits.consume('search', ctx.session.user.id);
    if (input.roomId) await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    return ctx.app.store.searchMessages({
      userId: ctx.session.user.id,
      query: input.query,
      roomId: input.roomId ?? null,
      limit: input.limit ?? 20,
    });
  }),

  // Access is checked before the stream is returned, so a refusal is a clean FORBIDDEN.
  onEvent: protectedProcedure.input(onEventInput).subscription(async ({ ctx, input, signal }) => {
    const room = await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    const lastEventId = input.lastEventId ? Number(input.lastEventId) : null;
    return new RoomEventStream({ app: ctx.app, room, lastEventId, session: ctx.session, protocol: eventProtocol(ctx.protocol) }, signal);
  }),

  ...messageExtraProcedures,
});
