/**
 * A queue between a push source (fan-out listener) and one pulling async generator.
 * `next` resolves null once the signal aborts, so the generator can finish while it waits;
 * `fail` makes the next pull throw (a revoked session ends its subscriptions with an error).
 */
export class EventQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((value: T | null) => void) | null = null;
  private failure: unknown = null;
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = null;
      resolve(item);
      return;
    }
    this.items.push(item);
  }

  fail(error: unknown): void {
    this.failure = error;
    this.waiter?.(null);
    this.waiter = null;
  }

  async next(signal: AbortSignal | undefined): Promise<T | null> {
    if (this.failure) throw this.failure;
    if (signal?.aborted) return null;
    if (this.size > 0) {
      const item = this.items[this.head++] as T;
      // Compact now and then instead of shift(), which is O(n) per call.
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      return item;
    }
    const item = await new Promise<T | null>((resolve) => {
      this.waiter = resolve;
      signal?.addEventListener('abort', () => resolve(null), { once: true });
    });
    if (this.failure) throw this.failure;
    return item;
  }
}
