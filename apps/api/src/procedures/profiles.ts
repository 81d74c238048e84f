import { profilesInput, setAvatarInput, setStatusInput, type Profile } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import type { App } from '../app.ts';
import { ensureAvatarImages } from '../files/avatars.ts';
import { notifyProfileChanged } from '../live/user-events.ts';
import { fileUrl } from '../storage/rows.ts';
import type { ProfileRecord } from '../storage/store.ts';
import { protectedProcedure } from './trpc.ts';

const toProfile = (record: ProfileRecord): Profile => ({
  user: record.user,
  status: record.status,
  // The file id is new with each upload, so the paths change with the picture and may be cached for good.
  avatar: record.avatar && { small: `${fileUrl(record.avatar.fileId)}/avatar-64`, large: `${fileUrl(record.avatar.fileId)}/avatar-256` },
  joinedAt: new Date(record.createdAt).toISOString(),
  deactivated: record.deactivated,
});

/** Every signed-in client hears of the change; the caller gets their profile as it is now. */
async function changed(app: App, userId: string): Promise<Profile> {
  await notifyProfileChanged(app, userId);
  const [mine] = await app.store.profiles([userId]);
  if (!mine) throw new TRPCError({ code: 'NOT_FOUND', message: 'user not found' });
  return toProfile(mine);
}

/** Makes the picture's squares before the picture is set, so its first download finds them. */
async function prepareAvatar(app: App, userId: string, fileId: string): Promise<void> {
  const file = await app.store.getFile(fileId);
  // Anything else is refused by the store, which alone decides.
  if (!file || file.uploaderId !== userId || file.width === null) return;
  if (!(await ensureAvatarImages(app, file.sha256))) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'fileId: must be a PNG, JPEG, GIF, WebP or AVIF picture' });
  }
}

/**
 * Spread into the `user` router: what others see of a user beyond the name. Every signed-in
 * user may see every user (user.search), so every profile is anyone's to read.
 */
export const profileProcedures = {
  profiles: protectedProcedure.input(profilesInput).query(async ({ ctx, input }) => (await ctx.app.store.profiles(input.userIds)).map(toProfile)),

  setStatus: protectedProcedure.input(setStatusInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await ctx.app.limits.consume('edit', userId);
    await ctx.app.store.setStatus(userId, input.status);
    return changed(ctx.app, userId);
  }),

  setAvatar: protectedProcedure.input(setAvatarInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    await ctx.app.limits.consume('edit', userId);
    if (input.fileId !== null) await prepareAvatar(ctx.app, userId, input.fileId);
    await ctx.app.store.setAvatar(userId, input.fileId);
    return changed(ctx.app, userId);
  }),
};
