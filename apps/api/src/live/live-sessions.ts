/** Something that ends when its session is revoked: an open socket, a running subscription. */
export interface Revocable {
  sessionRevoked(): void;
}

/**
 * The open sockets and running subscriptions of each session, so that logging out (on any
 * server process, announced over the fan-out) ends them at once. They are held as objects, not
 * callbacks: there is one per idle subscriber, and a closure would be a second allocation.
 */
export class LiveSessions {
  private readonly bySession = new Map<string, Set<Revocable>>();

  attach(sessionId: string, target: Revocable): void {
    let set = this.bySession.get(sessionId);
    if (!set) {
      set = new Set();
      this.bySession.set(sessionId, set);
    }
    set.add(target);
  }

  detach(sessionId: string, target: Revocable): void {
    const set = this.bySession.get(sessionId);
    if (!set?.delete(target)) return;
    if (set.size === 0) this.bySession.delete(sessionId);
  }

  /** Sessions with something attached in this process. */
  sessionIds(): string[] {
    return [...this.bySession.keys()];
  }

  revoke(sessionId: string): void {
    const set = this.bySession.get(sessionId);
    if (!set) return;
    this.bySession.delete(sessionId);
    for (const target of set) target.sessionRevoked();
  }
}
