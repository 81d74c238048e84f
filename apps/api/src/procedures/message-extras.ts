import { markThreadReadInput, MAX_PINS_PER_ROOM, type Message, messageIdInput, reactInput, roomIdInput, threadInput } from '@chat/api-types';
import type { App } from '../app.ts';
import { DomainError } from '../storage/errors.ts';
import type { StoredEvent } from '../storage/store.ts';
import { requireMembership, requireReadable } from './room-access.ts';
import { publish } from './publish.ts';
import { protectedProcedure } from './trpc.ts';

/** The message, if the user may read its room (`member`: and is a member, to change anything about it). */
async function messageFor(app: App, messageId: string, userId: string, needs: 'reader' | 'member'): Promise<Message> {
  const message = await app.store.getMessage(messageId);
  if (!message) throw new DomainError('NOT_FOUND', 'message not found');
  if (needs === 'member') await requireMembership(app, message.roomId, userId);
  else await requireReadable(app, message.roomId, userId);
  return message;
}

/**
 * A reaction or a pin, by a member of the message's room. An unchanged message (a reaction made
 * twice, a pin already there) stores and publishes nothing and answers the message as it is.
 */
async function changeMessage(
  app: App,
  userId: string,
  messageId: string,
  store: (now: number) => Promise<StoredEvent | null>,
): Promise<Message> {
  const current = await messageFor(app, messageId, userId, 'member');
  await app.limits.consume('react', userId);
  const event = await store(Date.now());
  if (!event) return (await app.store.getMessage(messageId)) ?? current;
  await publish(app, event);
  return event.payload.message;
}

const reaction = (add: boolean) =>
  protectedProcedure.input(reactInput).mutation(({ ctx, input }) => {
    const userId = ctx.session.user.id;
    return changeMessage(ctx.app, userId, input.messageId, (now) => ctx.app.store.react({ ...input, userId, add, now }));
  });

const pinning = (pinned: boolean) =>
  protectedProcedure.input(messageIdInput).mutation(({ ctx, input }) => {
    const userId = ctx.session.user.id;
    return changeMessage(ctx.app, userId, input.messageId, (now) => ctx.app.store.pin({ ...input, userId, pinned, now }));
  });

/** Spread into the `message` router: reactions, pins, threads. */
export const messageExtraProcedures = {
  react: reaction(true),
  unreact: reaction(false),
  pin: pinning(true),
  unpin: pinning(false),

  pins: protectedProcedure.input(roomIdInput).query(async ({ ctx, input }) => {
    await requireReadable(ctx.app, input.roomId, ctx.session.user.id);
    return ctx.app.store.pinnedMessages(input.roomId, MAX_PINS_PER_ROOM);
  }),

  thread: protectedProcedure.input(threadInput).query(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await messageFor(ctx.app, input.messageId, userId, 'reader');
    const page = await ctx.app.store.thread({ messageId: input.messageId, userId, before: input.before ? Number(input.before) : null, limit: input.limit ?? 50 });
    if (!page) throw new DomainError('NOT_FOUND', 'message not found');
    return page;
  }),

  markThreadRead: protectedProcedure.input(markThreadReadInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await messageFor(ctx.app, input.messageId, userId, 'member');
    await ctx.app.store.markThreadRead({ messageId: input.messageId, userId });
  }),
};
