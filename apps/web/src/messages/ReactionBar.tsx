import type { Reaction } from '@chat/api-types';
import { useMe } from '../auth/meContext.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { reactedBy, reactedByMe } from './reactions.ts';

interface Props {
  reactions: readonly Reaction[];
  /** Not a member: the chips show who reacted, but do nothing. */
  disabled: boolean;
  /** Adds my reaction with this emoji, or takes it back when `mine`. */
  onToggle(emoji: string, mine: boolean): void;
}

const chip = (mine: boolean) =>
  `inline-flex h-7 items-center gap-1 rounded-full px-2 text-sm ring-1 transition-colors disabled:cursor-default ${
    mine
      ? 'bg-indigo-50 text-indigo-800 ring-indigo-400 enabled:hover:bg-indigo-100 dark:bg-indigo-400/15 dark:text-indigo-200 dark:ring-indigo-400/60'
      : 'bg-slate-50 text-slate-700 ring-slate-200 enabled:hover:bg-slate-100 dark:bg-slate-800/60 dark:text-slate-300 dark:ring-slate-700 dark:enabled:hover:bg-slate-800'
  }`;

/** One chip per emoji under a message: how many, who, and whether I am among them (pressed). */
export function ReactionBar({ reactions, disabled, onToggle }: Props) {
  const me = useMe();
  return (
    <ul aria-label="Reactions" className="mt-1 flex flex-wrap gap-1">
      {reactions.map((reaction) => {
        const mine = reactedByMe(reaction, me.id);
        const who = reactedBy(reaction);
        return (
          <li key={reaction.emoji}>
            <Tooltip content={`${who} reacted with ${reaction.emoji}`}>
              <button
                type="button"
                className={chip(mine)}
                aria-pressed={mine}
                aria-label={`${reaction.emoji} ${reaction.count}: ${who}`}
                disabled={disabled}
                onClick={(event) => {
                  // Taking back the last of an emoji removes its chip: the focus stays on the message, not lost to the page.
                  if (mine && reaction.count === 1) event.currentTarget.closest<HTMLElement>('[role="listitem"][tabindex]')?.focus();
                  onToggle(reaction.emoji, mine);
                }}
              >
                <span aria-hidden="true">{reaction.emoji}</span>
                <span aria-hidden="true" className="text-xs font-medium tabular-nums">
                  {reaction.count}
                </span>
              </button>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
