import type { Message, RoomEvent, ThreadPage } from '@chat/api-types';
import { replyCountChange, supersedes, withReplyCount } from '../history/messageChanges.ts';

/** Replies read at a time: the newest when the thread opens, older ones on asking. */
export const THREAD_PAGE_SIZE = 50;

export type FetchThread = (before: string | null) => Promise<ThreadPage>;

export type ThreadStatus = 'empty' | 'loading' | 'ready' | 'error';

/**
 * One thread, as its panel shows it: the message that started it and its replies, oldest first,
 * read from the newest a page at a time and kept current by its room's events. Events that arrive
 * while a page is read wait for it (the page may predate them); events come in their room's
 * order, so a later one always wins, even where the version cannot tell (a reaction, a pin).
 */
export class ThreadTimeline {
  readonly rootId: string;
  root: Message | null = null;
  /** Oldest first; a new array on every change. */
  replies: readonly Message[] = [];
  /** `before` for the older replies; null once the first reply is held. */
  olderCursor: string | null = null;
  /** My read marker in the thread as it was first read: the replies after it are new to me. */
  lastReadSeq = 0;
  status: ThreadStatus = 'empty';
  error: unknown = null;
  loadingOlder = false;
  revision = 0;

  readonly #fetch: FetchThread;
  readonly #listeners = new Set<() => void>();
  readonly #held: RoomEvent[] = [];
  #fetches = 0;

  constructor(rootId: string, fetch: FetchThread) {
    this.rootId = rootId;
    this.#fetch = fetch;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getRevision = (): number => this.revision;

  hasClientMsgId(clientMsgId: string): boolean {
    return this.replies.some((m) => m.clientMsgId === clientMsgId);
  }

  /** Reads the newest replies, unless they are read already. */
  open(): void {
    if (this.status === 'empty') void this.#read(null);
  }

  retry(): void {
    if (this.status === 'error') void this.#read(null);
  }

  loadOlder(): void {
    if (this.status !== 'ready' || this.olderCursor === null || this.loadingOlder) return;
    void this.#read(this.olderCursor);
  }

  /** Takes its room's events; those of other messages are ignored. */
  apply(events: readonly { event: RoomEvent }[]): void {
    const mine = events.map(({ event }) => event).filter(({ message }) => message.id === this.rootId || message.threadRootId === this.rootId);
    if (mine.length === 0) return;
    if (this.#fetches > 0) return void this.#held.push(...mine);
    for (const event of mine) this.#merge(event);
    this.#changed();
  }

  async #read(before: string | null): Promise<void> {
    if (before === null) {
      this.status = 'loading';
      this.error = null;
    } else this.loadingOlder = true;
    this.#fetches++;
    this.#changed();
    try {
      this.#mergePage(await this.#fetch(before), before !== null);
    } catch (error) {
      // Older replies failing to load are asked for again by the next click.
      if (before === null) {
        this.status = 'error';
        this.error = error;
      }
    } finally {
      this.#fetches--;
      if (before !== null) this.loadingOlder = false;
      if (this.#fetches === 0) for (const event of this.#held.splice(0)) this.#merge(event);
      this.#changed();
    }
  }

  #mergePage(page: ThreadPage, older: boolean): void {
    if (!this.root || supersedes(page.root, this.root, false)) this.root = page.root;
    this.olderCursor = page.nextCursor;
    if (!older) {
      this.replies = page.replies;
      this.lastReadSeq = page.lastReadSeq;
      this.status = 'ready';
      return;
    }
    const first = this.replies[0];
    this.replies = [...page.replies.filter((m) => first === undefined || m.seq < first.seq), ...this.replies];
  }

  #merge(event: RoomEvent): void {
    const { message } = event;
    if (message.id === this.rootId) {
      if (this.root && supersedes(message, this.root, true)) this.root = message;
      return;
    }
    const index = this.replies.findIndex((m) => m.id === message.id);
    const previous = this.replies[index];
    if (previous) {
      if (!supersedes(message, previous, true)) return;
      this.replies = this.replies.with(index, message);
    } else if (event.type === 'created' && this.status === 'ready') {
      // Replies arrive in order, so a new one almost always goes last.
      const at = this.replies.findLastIndex((m) => m.seq < message.seq) + 1;
      this.replies = this.replies.toSpliced(at, 0, message);
    } else return;
    const change = replyCountChange(previous, message);
    if (change !== 0 && this.root) this.root = withReplyCount(this.root, change);
  }

  #changed(): void {
    this.revision++;
    for (const listener of this.#listeners) listener();
  }
}
