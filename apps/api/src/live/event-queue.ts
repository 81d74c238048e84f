/**
 * A queue between a push source (a fan-out listener) and one pulling async generator.
 * Once `signal` aborts, `next` resolves null so the generator can finish while it waits;
 * `fail` makes the next pull throw (a revoked session ends its subscriptions with an error).
 */
export class EventQueue<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: ((value: T | null) => void) | null = null;
  private failure: unknown = null;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.wake(null), { once: true });
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /**
   * True while the consumer waits on an empty queue: nothing pushed is pending, so a producer
   * may hand the next item over itself (room-event-stream.ts writes live events straight to the socket).
   */
  get waiting(): boolean {
    return this.waiter !== null;
  }

  push(item: T): void {
    if (this.waiter) this.wake(item);
    else this.items.push(item);
  }

  fail(error: unknown): void {
    this.failure = error;
    this.wake(null);
  }

  next(): Promise<T | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.signal?.aborted) return Promise.resolve(null);
    if (this.size > 0) return Promise.resolve(this.take());
    // Not an async function: an idle consumer then holds one promise, not a suspended frame too.
    return new Promise((resolve, reject) => {
      this.waiter = (item) => (this.failure ? reject(this.failure) : resolve(item));
    });
  }

  /** Every item until the signal aborts (then it ends) or the queue fails (then it throws). */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (let item = await this.next(); item !== null; item = await this.next()) yield item;
  }

  private take(): T {
    const item = this.items[this.head++] as T;
    // Drop the consumed prefix now and then instead of shift(), which is O(n) per call.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  private wake(value: T | null): void {
    const resolve = this.waiter;
    this.waiter = null;
    resolve?.(value);
  }
}
