import { cleanDisplayName, MAX_DISPLAY_NAME } from '@chat/api-types';
import type { Logger } from '../log.ts';
import type { ChatStore } from '../storage/store.ts';

const PAGE = 500;

/**
 * Display names are cleaned as they come in; names stored before that was so (a right-to-left
 * mark or a zero-width space making "alice" look like another alice) are cleaned here, at every
 * start. Only names with something unusual in them are read, so a clean database costs one query.
 */
export async function cleanStoredDisplayNames(store: ChatStore, log: Logger): Promise<number> {
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await store.usersWithUnusualNames(afterId, PAGE, MAX_DISPLAY_NAME);
    for (const user of page) {
      // Nothing visible left: the username is what the name then shows.
      const clean = cleanDisplayName(user.displayName).slice(0, MAX_DISPLAY_NAME).trim() || user.username;
      if (clean === user.displayName) continue;
      await store.updateDisplayName(user.id, clean);
      changed++;
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    afterId = last.id;
  }
  if (changed > 0) log.info({ changed }, 'cleaned display names stored before names were cleaned at input');
  return changed;
}
