import type { BusMessage } from '../fanout/fanout.ts';

/**
 * Who is known to be a member of a room this process follows live, so that a send need not
 * read membership from the database. Only what the database said while the room's channel was
 * active is kept, and the room's own messages undo it: a `member-left` forgets that member, a
 * `resync` (messages may have been missed) forgets everyone. A database read that raced with
 * either is not kept. Joining needs no message: only memberships are kept, never their absence.
 */
export class KnownMembers {
  private readonly members = new Set<string>();
  private generation = 0;

  has(userId: string): boolean {
    return this.members.has(userId);
  }

  /** Taken before reading the database; `add` keeps the answer only if nothing was forgotten since. */
  mark(): number {
    return this.generation;
  }

  add(userId: string, mark: number): void {
    if (mark === this.generation) this.members.add(userId);
  }

  left(userId: string): void {
    this.members.delete(userId);
    this.generation++;
  }

  onRoomMessage(message: BusMessage): void {
    if (message.kind === 'member-left') this.left(message.userId);
    else if (message.kind === 'resync' || message.kind === 'room-deleted') {
      this.members.clear();
      this.generation++;
    }
  }
}
