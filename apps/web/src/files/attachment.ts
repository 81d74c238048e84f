import type { Message } from '@chat/api-types';
import { z } from 'zod';

/** A file as a message carries it, and as `POST /api/files` answers it. */
export type Attachment = Message['attachments'][number];

/** For reading one back from outside the type system: an upload's answer, localStorage. */
export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  url: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  thumbnailUrl: z.string().nullable(),
}) satisfies z.ZodType<Attachment>;
