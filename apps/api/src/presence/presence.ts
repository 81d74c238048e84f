/** Who is online: a user is online while at least one of their WebSockets is open, on any server. */
export interface Presence {
  /** Counts one open socket of the user; the returned function (idempotent) uncounts it. */
  connect(userId: string): () => void;
  /** Which of these users are online. */
  onlineAmong(userIds: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Called when a user's presence may have changed, once every process can see the change. */
export type PresenceAnnouncer = (userId: string) => void;

/** Presence within this process: counts of open sockets per user. */
export class LocalPresence implements Presence {
  private readonly sockets = new Map<string, number>();

  /** `onChange` hears a user's first socket opening and last socket closing, here. */
  constructor(private readonly onChange: (userId: string, online: boolean) => void = () => {}) {}

  connect(userId: string): () => void {
    const count = (this.sockets.get(userId) ?? 0) + 1;
    this.sockets.set(userId, count);
    if (count === 1) this.onChange(userId, true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.sockets.get(userId) ?? 1) - 1;
      if (left > 0) this.sockets.set(userId, left);
      else {
        this.sockets.delete(userId);
        this.onChange(userId, false);
      }
    };
  }

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }

  /** Everyone with a socket here. */
  users(): string[] {
    return [...this.sockets.keys()];
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.sockets.has(id)));
  }

  async close(): Promise<void> {}
}
