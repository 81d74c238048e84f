import { z } from 'zod';

// Ids travel as strings of digits; anything else is a BAD_REQUEST naming the field.
export const id = z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be an id');

/** Text a person typed. NUL is refused: SQLite's FTS5 and PostgreSQL cannot take it. */
const text = () => z.string().refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 characters of a–z, 0–9, _ . -');
export const password = z.string().min(8, 'must be at least 8 characters').max(256);
/**
 * What a name may not hide: Unicode's format characters (bidi controls and marks, zero-width
 * spaces and joiners, the BOM, soft hyphens, tags) and the fillers that draw nothing (Hangul
 * fillers, the braille blank, Mongolian selectors, the combining grapheme joiner). "alice" with a
 * right-to-left mark and a zero-width space after it would look exactly like "alice". A joiner
 * between two emoji is kept: it is how "👩‍💻" is written.
 */
const INVISIBLE =
  /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?!\u200D)\p{Cf}|[\u3164\uFFA0\u2800]|\u115F|\u1160|\u17B4|\u17B5|\u034F|\u180B|\u180C|\u180D|\u180F/gu;
export const MAX_DISPLAY_NAME = 64;

/** A display name as shown to others: composed (NFC), nothing invisible, spaces collapsed. */
export function cleanDisplayName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

export const displayName = text()
  .transform(cleanDisplayName)
  .pipe(
    z
      .string()
      .min(1, 'must have a visible character')
      .max(MAX_DISPLAY_NAME, `must be at most ${MAX_DISPLAY_NAME} characters`),
  );

export const registerInput = z.object({ username, password, displayName: displayName.optional() });
export const loginInput = z.object({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(256) });
export const revokeSessionInput = z.object({ sessionId: id });
export const changePasswordInput = z.object({ currentPassword: z.string().max(256), newPassword: password });
export const updateProfileInput = z.object({ displayName });
export const MAX_STATUS = 100;
/** A status line, cleaned as a display name is; empty clears it. */
export const statusLine = text()
  .transform(cleanDisplayName)
  .pipe(z.string().max(MAX_STATUS, `must be at most ${MAX_STATUS} characters`));
export const setStatusInput = z.object({ status: statusLine });
/** An image I uploaded (POST /api/files) becomes my picture; null removes it. */
export const setAvatarInput = z.object({ fileId: id.nullable() });
/** Profiles one request may ask for. */
export const MAX_PROFILES = 100;
export const profilesInput = z.object({ userIds: z.array(id).min(1).max(MAX_PROFILES, `must list at most ${MAX_PROFILES} users`) });

export const userSearchInput = z.object({ query: text().trim().max(64) });

export const roomName = text().trim().min(1, 'must not be blank').max(80);
export const roomTopic = text().trim().max(250);
export const createRoomInput = z.object({
  name: roomName,
  topic: roomTopic.optional(),
  kind: z.enum(['public', 'private']).optional(),
});
export const roomIdInput = z.object({ roomId: id });
export const updateRoomInput = z
  .object({ roomId: id, name: roomName.optional(), topic: roomTopic.optional() })
  .refine((input) => input.name !== undefined || input.topic !== undefined, { message: 'give a name, a topic or both', path: ['name'] });
export const notificationLevel = z.enum(['all', 'mentions', 'muted']);
export const setNotificationLevelInput = z.object({ roomId: id, level: notificationLevel });
export const setArchivedInput = z.object({ roomId: id, archived: z.boolean() });
/** The owner's role is not given or taken: a room has one owner, its creator. */
export const setRoleInput = z.object({ roomId: id, userId: id, role: z.enum(['admin', 'member']) });
export const removeMemberInput = z.object({ roomId: id, userId: id });
export const accountsInput = z.object({ query: text().trim().max(64).optional(), limit: z.number().int().min(1).max(200).optional() });
export const setDeactivatedInput = z.object({ userId: id, deactivated: z.boolean() });
export const inviteInput = z.object({ roomId: id, userId: id });
export const dmOpenInput = z.object({ userId: id });
export const setTypingInput = z.object({ roomId: id, typing: z.boolean() });

export const MAX_BODY = 4000;
export const messageBody = text().max(MAX_BODY, `must be at most ${MAX_BODY} characters`);
const cursor = (from: string) => z.string().regex(/^[0-9]{1,16}$/, `must be a cursor from ${from}`);
export const historyInput = z
  .object({
    roomId: id,
    /** Older than this cursor (`nextCursor`); neither cursor nor `around`: the newest page. */
    before: cursor('nextCursor').optional().nullable(),
    /** Newer than this cursor (`newerCursor`). */
    after: cursor('newerCursor').optional().nullable(),
    /** The page around this message, to show it in context. */
    around: id.optional().nullable(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .refine((input) => [input.before, input.after, input.around].filter((v) => v != null).length <= 1, {
    message: 'give at most one of before, after and around',
    path: ['around'],
  });
/** Files one message may carry. */
export const MAX_ATTACHMENTS = 10;
export const sendMessageInput = z.object({
  roomId: id,
  body: messageBody,
  clientMsgId: text().min(1).max(64),
  attachmentIds: z.array(id).max(MAX_ATTACHMENTS).optional(),
  /** The message this one answers, in the same room. */
  replyToId: id.optional().nullable(),
});
export const editMessageInput = z.object({ messageId: id, body: messageBody });
export const messageIdInput = z.object({ messageId: id });
export const markReadInput = z.object({ roomId: id, messageId: id });
export const searchMessagesInput = z.object({
  query: text().trim().min(1, 'must not be blank').max(200),
  roomId: id.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
/** Different emoji one message may carry. */
export const MAX_REACTIONS_PER_MESSAGE = 20;
/** Pinned messages one room may hold. */
export const MAX_PINS_PER_ROOM = 50;
// Unicode's list of emoji (RGI: flags, skin tones and families included) needs the `v` flag,
// newer than the ES2022 this package is compiled for; Node 20 and current browsers have it.
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
/** One emoji, as Unicode lists them. */
export const emoji = z
  .string()
  .max(32, 'must be one emoji')
  .transform((s) => s.normalize('NFC'))
  .refine((s) => ONE_EMOJI.test(s), 'must be one emoji');
export const reactInput = z.object({ messageId: id, emoji });
export const threadInput = z.object({
  /** Any message of the thread: its root's thread is read. */
  messageId: id,
  before: cursor('nextCursor').optional().nullable(),
  limit: z.number().int().min(1).max(100).optional(),
});
export const markThreadReadInput = z.object({ messageId: id });

export const onEventInput = z.object({
  roomId: id,
  lastEventId: z.string().regex(/^[0-9]{1,16}$/, 'must be an event id').optional().nullable(),
});
