import { MAX_REACTIONS_PER_MESSAGE, type Reaction } from '@chat/api-types';

/** What the picker offers: the emoji most reactions use, each with the name a screen reader gives it. */
export const EMOJI_CHOICES: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👎', name: 'thumbs down' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '😂', name: 'face with tears of joy' },
  { emoji: '😮', name: 'face with open mouth' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '🔥', name: 'fire' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '✅', name: 'check mark button' },
  { emoji: '❌', name: 'cross mark' },
  { emoji: '🚀', name: 'rocket' },
  { emoji: '💯', name: 'hundred points' },
  { emoji: '👏', name: 'clapping hands' },
  { emoji: '🤔', name: 'thinking face' },
  { emoji: '😄', name: 'grinning face with smiling eyes' },
  { emoji: '😍', name: 'smiling face with heart-eyes' },
  { emoji: '🙌', name: 'raising hands' },
  { emoji: '👋', name: 'waving hand' },
  { emoji: '😅', name: 'grinning face with sweat' },
  { emoji: '🤝', name: 'handshake' },
  { emoji: '💡', name: 'light bulb' },
  { emoji: '⭐', name: 'star' },
];

/** Names listed before the rest are counted instead. */
const NAMES_SHOWN = 10;

/**
 * Who reacted, as the chip's tooltip and accessible name say it: "Alice, Bob", or "Alice, Bob and
 * 3 others" beyond the names listed (the server lists the first 20 of them).
 */
export function reactedBy(reaction: Reaction): string {
  const names = reaction.users.slice(0, NAMES_SHOWN).map((u) => u.displayName);
  const others = reaction.count - names.length;
  if (others <= 0) return names.join(', ');
  const rest = `${others} ${others === 1 ? 'other' : 'others'}`;
  return names.length > 0 ? `${names.join(', ')} and ${rest}` : rest;
}

/**
 * Whether I am among those who reacted. Past the 20 people listed this cannot be told: the chip
 * then offers to add mine, which the server takes as a repeat if I had.
 */
export function reactedByMe(reaction: Reaction, myId: string): boolean {
  return reaction.users.some((u) => u.id === myId);
}

/** Whether `emoji` can still go on a message: it is there already, or the message has room for another. */
export function canAddReaction(reactions: readonly Reaction[], emoji: string): boolean {
  return reactions.length < MAX_REACTIONS_PER_MESSAGE || reactions.some((r) => r.emoji === emoji);
}
