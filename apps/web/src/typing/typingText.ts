import type { User } from '@chat/api-types';

/** The line under the composer for who is typing, leaving out the reader themself. */
export function typingText(users: readonly User[], myId: string): string | null {
  const names = users.filter((u) => u.id !== myId).map((u) => u.displayName);
  const [first, second] = names;
  if (first === undefined) return null;
  if (second === undefined) return `${first} is typing…`;
  if (names.length === 2) return `${first} and ${second} are typing…`;
  return 'Several people are typing…';
}
