import type { Reaction } from '@chat/api-types';
import { Popover, Toolbar } from 'radix-ui';
import { useRef, useState, type KeyboardEvent } from 'react';
import { SmilePlusIcon } from '../ui/icons.tsx';
import { button } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { canAddReaction, EMOJI_CHOICES } from './reactions.ts';

/** As many as a row of the grid holds (grid-cols-6): the arrow keys' up and down. */
const COLUMNS = 6;
const STEPS: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };

interface Props {
  /** The message's reactions: a full message takes no new emoji. */
  reactions: readonly Reaction[];
  onPick(emoji: string): void;
  onOpenChange(open: boolean): void;
}

/**
 * The "Add reaction" button and the grid of emoji it opens. Arrow keys move through the grid;
 * Escape, a click outside or a choice closes it, and focus goes back to the button.
 */
export function EmojiPicker({ reactions, onPick, onOpenChange }: Props) {
  const [open, setOpen] = useState(false);
  const grid = useRef<HTMLDivElement>(null);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange(next);
  };
  const move = (event: KeyboardEvent) => {
    const step = STEPS[event.key];
    const choices = [...(grid.current?.querySelectorAll<HTMLButtonElement>('button:enabled') ?? [])];
    const next = step === undefined ? undefined : choices[choices.indexOf(document.activeElement as HTMLButtonElement) + step];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  return (
    <Popover.Root open={open} onOpenChange={change}>
      <Tooltip content="Add reaction">
        <Popover.Trigger asChild>
          <Toolbar.Button asChild>
            <button type="button" className={button.iconSmall} aria-label="Add reaction">
              <SmilePlusIcon />
            </button>
          </Toolbar.Button>
        </Popover.Trigger>
      </Tooltip>
      <Popover.Portal>
        <Popover.Content
          aria-label="Choose a reaction"
          side="top"
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 rounded-xl bg-white p-1.5 shadow-xl ring-1 ring-slate-900/10 focus:outline-none dark:bg-slate-800 dark:ring-white/10"
        >
          <div ref={grid} className="grid grid-cols-6 gap-0.5" onKeyDown={move}>
            {EMOJI_CHOICES.map(({ emoji, name }) => (
              <button
                key={emoji}
                type="button"
                aria-label={name}
                title={name}
                disabled={!canAddReaction(reactions, emoji)}
                className="flex size-9 items-center justify-center rounded-lg text-xl transition-colors hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-700"
                onClick={() => {
                  onPick(emoji);
                  change(false);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
