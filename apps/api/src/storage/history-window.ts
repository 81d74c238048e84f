import type { HistoryPosition } from './store.ts';

/**
 * The reads one history page needs, shared by every ChatStore: messages below a seq (newest
 * first) and messages from a seq up (oldest first). Each read takes one row more than it
 * keeps, or just one row on the far side of the page, to learn whether more lies that way.
 */
export interface WindowReads {
  older: { below: number | null; take: number } | null;
  newer: { from: number; take: number } | null;
}

/** A page around a message shows a little more after it than before: the replies it got. */
const olderShare = (limit: number) => Math.floor((limit - 1) / 2);

export function windowReads(position: HistoryPosition, limit: number): WindowReads {
  if ('around' in position) {
    const older = olderShare(limit);
    return { older: { below: position.around, take: older + 1 }, newer: { from: position.around, take: limit - older + 1 } };
  }
  if ('after' in position) {
    return { older: { below: position.after + 1, take: 1 }, newer: { from: position.after + 1, take: limit + 1 } };
  }
  return {
    older: { below: position.before, take: limit + 1 },
    newer: position.before === null ? null : { from: position.before, take: 1 },
  };
}

interface Sequenced {
  message: { seq: number };
}

/** The page (oldest first) and its cursors, from the rows `windowReads` asked for. */
export function assembleWindow<T extends Sequenced>(
  position: HistoryPosition,
  limit: number,
  older: readonly T[],
  newer: readonly T[],
): { page: T[]; nextCursor: string | null; newerCursor: string | null } {
  const [olderKept, newerKept] =
    'around' in position ? [olderShare(limit), limit - olderShare(limit)] : 'after' in position ? [0, limit] : [limit, 0];
  const page = [...older.slice(0, olderKept).reverse(), ...newer.slice(0, newerKept)];
  const first = page[0];
  const last = page[page.length - 1];
  return {
    page,
    nextCursor: first && older.length > olderKept ? String(first.message.seq) : null,
    newerCursor: last && newer.length > newerKept ? String(last.message.seq) : null,
  };
}
