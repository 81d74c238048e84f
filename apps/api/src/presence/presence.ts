/** Who is online in this process: a user is online while at least one of their sockets is open. */
export class Presence {
  private readonly sockets = new Map<string, number>();

  connect(userId: string): () => void {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.sockets.get(userId) ?? 1) - 1;
      if (left > 0) this.sockets.set(userId, left);
      else this.sockets.delete(userId);
    };
  }

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }
}
