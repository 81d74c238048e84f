import type { KeyValueStorage } from '../lib/keyValueStorage.ts';
import { attachmentSchema } from './attachment.ts';
import type { SavedUploads } from './uploadQueue.ts';

const saved = attachmentSchema.array();

/**
 * The finished uploads of one user's draft in one place (a room, a thread), next to the draft's
 * text (useDraft), so a reload keeps both. Files still uploading are lost to a reload: a File
 * cannot be stored here.
 */
export function savedUploads(userId: string, place: string, storage: KeyValueStorage & { removeItem(key: string): void }): SavedUploads {
  const key = `chat.draftFiles.${userId}.${place}`;
  return {
    load() {
      try {
        const parsed = saved.safeParse(JSON.parse(storage.getItem(key) ?? '[]'));
        return parsed.success ? parsed.data : [];
      } catch {
        return [];
      }
    },
    save(attachments) {
      try {
        if (attachments.length > 0) storage.setItem(key, JSON.stringify(attachments));
        else storage.removeItem(key);
      } catch {
        // Not kept across a reload; the draft still works.
      }
    },
  };
}
