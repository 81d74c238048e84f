/**
 * The open sockets and running subscriptions of each session, so that logging out (on any
 * server process, announced over the fan-out) ends them at once.
 */
export class LiveSessions {
  private readonly bySession = new Map<string, Set<() => void>>();

  /** Registers `onRevoke` for the session; returns the function that unregisters it. */
  attach(sessionId: string, onRevoke: () => void): () => void {
    let set = this.bySession.get(sessionId);
    if (!set) {
      set = new Set();
      this.bySession.set(sessionId, set);
    }
    set.add(onRevoke);
    return () => {
      set.delete(onRevoke);
      if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
    };
  }

  /** Sessions with something attached in this process. */
  sessionIds(): string[] {
    return [...this.bySession.keys()];
  }

  revoke(sessionId: string): void {
    const set = this.bySession.get(sessionId);
    if (!set) return;
    this.bySession.delete(sessionId);
    for (const onRevoke of set) onRevoke();
  }
}
