import type { User } from '@chat/api-types';

export interface MentionQuery {
  /** Index of the @ in the text. */
  start: number;
  /** What follows the @ up to the caret, lower-cased. */
  query: string;
}

/** The @mention being typed at the caret, if any: an @ at the start or after a space, then name characters. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const match = /(^|\s)@([a-z0-9_.-]{0,32})$/i.exec(text.slice(0, caret));
  if (!match) return null;
  const typed = match[2] ?? '';
  return { start: caret - typed.length - 1, query: typed.toLowerCase() };
}

/** People whose username, or a word of whose display name, starts with the query; me left out. */
export function mentionCandidates(users: readonly User[], query: string, myId: string, limit = 6): User[] {
  const matches = (u: User) =>
    u.username.startsWith(query) || u.displayName.toLowerCase().split(/\s+/).some((word) => word.startsWith(query));
  return users
    .filter((u) => u.id !== myId && matches(u))
    .sort((a, b) => Number(!a.username.startsWith(query)) - Number(!b.username.startsWith(query)) || a.displayName.localeCompare(b.displayName))
    .slice(0, limit);
}

/** The text with the mention at the caret completed to `@username `, and where the caret goes. */
export function completeMention(text: string, caret: number, mention: MentionQuery, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^\S*\s?/, '');
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length };
}
