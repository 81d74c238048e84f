import type { Message, RoomEvent } from '@chat/api-types';
import type { RouterOutputs } from '@chat/api/router';
import { replyCountChange, supersedes, withReplyCount } from './messageChanges.ts';

export const PAGE_SIZE = 50;

export type HistoryPage = RouterOutputs['message']['history'];
/** Where a page is read from: older or newer than a cursor, or around a message (a search hit). */
export type PageRequest = { before: string | null } | { after: string } | { around: string };
export type FetchPage = (request: PageRequest) => Promise<HistoryPage>;

/** What a timeline keeps of itself across reloads: its newest messages and where to resume. */
export interface TimelineSnapshot {
  messages: Message[];
  olderCursor: string | null;
  lastEventId: string;
}

export type TimelineStatus = 'empty' | 'loading' | 'ready' | 'error';

interface HeldEvent {
  event: RoomEvent;
  eventId: string | undefined;
}

/**
 * One room's loaded span of history: a contiguous run of messages, oldest first, indexed by id,
 * that usually reaches the newest message and otherwise is a window (around a search hit, or
 * after scrolling far back). Live events cost the same however much is loaded: a new message is
 * appended and a changed one replaced where a binary search finds it, in place, and readers
 * re-read when `revision` moves. Cursors are seqs, so a span trimmed at either end can be read
 * back from where it was cut.
 */
export class RoomTimeline {
  /** Oldest first; changed in place, so read it again whenever `revision` changes. */
  readonly messages: Message[] = [];
  /** `before` for the next older page; null once the room's first message is held. */
  olderCursor: string | null = null;
  /** `after` for the next newer page; null while the newest message is held. */
  newerCursor: string | null = null;
  /** The newest event merged: a subscription resumes after it. */
  lastEventId: string | null = null;
  status: TimelineStatus = 'empty';
  error: unknown = null;
  loadingOlder = false;
  loadingNewer = false;
  /**
   * Whether what was appended last is live (the view follows it while at the bottom) rather
   * than a newer page read at the bottom of a window, which must not pull the reader along.
   */
  followsAppends = true;
  revision = 0;

  readonly #fetchPage: FetchPage;
  readonly #byId = new Map<string, Message>();
  /**
   * For each held message, the newest event of the room its copy is known to include: a page's
   * lastEventId (read in one snapshot with it), or the event that brought it. Reactions and pins
   * change no version (messageChanges.ts), so this is what tells a later copy from an earlier one.
   */
  readonly #asOf = new Map<string, number>();
  readonly #clientMsgIds = new Set<string>();
  readonly #listeners = new Set<() => void>();
  /** Events that arrive while a page is being read wait for it: the page may predate them. */
  readonly #held: HeldEvent[] = [];
  #fetches = 0;
  /** Bumped by every reset, so pages of an abandoned span are dropped when they land. */
  #generation = 0;
  #lastReset: PageRequest = { before: null };

  constructor(fetchPage: FetchPage, snapshot?: TimelineSnapshot | null) {
    this.#fetchPage = fetchPage;
    if (!snapshot) return;
    for (const message of snapshot.messages) this.#append(message, Number(snapshot.lastEventId));
    this.olderCursor = snapshot.olderCursor;
    this.lastEventId = snapshot.lastEventId;
    this.status = 'ready';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getRevision = (): number => this.revision;

  has(messageId: string): boolean {
    return this.#byId.has(messageId);
  }

  get(messageId: string): Message | undefined {
    return this.#byId.get(messageId);
  }

  hasClientMsgId(clientMsgId: string): boolean {
    return this.#clientMsgIds.has(clientMsgId);
  }

  indexOf(messageId: string): number {
    const message = this.#byId.get(messageId);
    return message ? this.#indexOfSeq(message.seq) : -1;
  }

  /** The newest held message with a seq of at most `seq`. */
  newestUpTo(seq: number): Message | undefined {
    const at = this.#insertionPoint(seq + 1);
    return this.messages[at - 1];
  }

  /** Whether the span holds the room's newest message, so live messages belong at its end. */
  get reachesNewest(): boolean {
    return this.newerCursor === null;
  }

  /** Reads the newest page, unless the span is already loaded (or restored from a snapshot). */
  open(): void {
    if (this.status === 'empty') void this.#load({ before: null }, 'reset');
  }

  /** Reads the span afresh around one message, without the pages between it and the newest. */
  showAround(messageId: string): void {
    void this.#load({ around: messageId }, 'reset');
  }

  /** The page right after `seq` (a read marker), with the messages since above and below it read on scrolling. */
  showAfter(seq: number): void {
    void this.#load({ after: String(seq) }, 'reset');
  }

  showNewest(): void {
    void this.#load({ before: null }, 'reset');
  }

  retry(): void {
    void this.#load(this.#lastReset, 'reset');
  }

  loadOlder(): void {
    if (this.status !== 'ready' || this.olderCursor === null || this.loadingOlder) return;
    void this.#load({ before: this.olderCursor }, 'older');
  }

  loadNewer(): void {
    if (this.status !== 'ready' || this.newerCursor === null || this.loadingNewer) return;
    void this.#load({ after: this.newerCursor }, 'newer');
  }

  /** Merges events; repeats and late echoes change nothing. `eventId` is absent for a mutation's own answer. */
  apply(events: readonly HeldEvent[]): void {
    if (events.length === 0) return;
    if (this.#fetches > 0) {
      this.#held.push(...events);
      return;
    }
    for (const { event, eventId } of events) this.#merge(event, eventId);
    this.followsAppends = true;
    this.#changed();
  }

  /**
   * Keeps only messages [from, to), so memory stays bounded however far the reader scrolls; the
   * cursors move to the cut, and scrolling back reads those pages again. Not while a page is
   * being read, whose cursor would no longer meet the span.
   */
  keep(from: number, to: number): void {
    const start = Math.max(0, from);
    const end = Math.min(this.messages.length, to);
    if (this.#fetches > 0 || start >= end || (start === 0 && end === this.messages.length)) return;
    for (const message of [...this.messages.slice(0, start), ...this.messages.slice(end)]) this.#forget(message);
    const cutNewer = end < this.messages.length;
    this.messages.splice(end);
    this.messages.splice(0, start);
    if (start > 0) this.olderCursor = String(this.messages[0]?.seq);
    if (cutNewer) this.newerCursor = String(this.messages.at(-1)?.seq);
    this.#changed();
  }

  /** The newest `limit` messages and where to resume, when the span reaches the newest; else null. */
  snapshot(limit: number): TimelineSnapshot | null {
    if (this.status !== 'ready' || !this.reachesNewest || this.lastEventId === null) return null;
    const messages = this.messages.slice(-limit);
    const first = messages[0];
    const olderCursor = first && messages.length < this.messages.length ? String(first.seq) : this.olderCursor;
    return { messages, olderCursor, lastEventId: this.lastEventId };
  }

  async #load(request: PageRequest, edge: 'reset' | 'older' | 'newer'): Promise<void> {
    if (edge === 'reset') {
      this.#generation++;
      this.#lastReset = request;
      this.status = 'loading';
      this.error = null;
      // Pages still on their way belong to the span being left.
      this.loadingOlder = false;
      this.loadingNewer = false;
    } else if (edge === 'older') this.loadingOlder = true;
    else this.loadingNewer = true;
    const generation = this.#generation;
    this.#fetches++;
    this.#changed();
    try {
      const page = await this.#fetchPage(request);
      if (generation === this.#generation) this.#mergePage(page, edge);
    } catch (error) {
      // A failed older or newer page is simply read again when the reader scrolls there again.
      if (generation === this.#generation && edge === 'reset') {
        this.status = 'error';
        this.error = error;
      }
    } finally {
      this.#fetches--;
      if (generation === this.#generation) {
        if (edge === 'older') this.loadingOlder = false;
        if (edge === 'newer') this.loadingNewer = false;
      }
      if (this.#fetches === 0) for (const { event, eventId } of this.#held.splice(0)) this.#merge(event, eventId);
      this.#changed();
    }
  }

  #mergePage(page: HistoryPage, edge: 'reset' | 'older' | 'newer'): void {
    if (edge === 'reset') {
      for (const message of this.messages) this.#forget(message);
      this.messages.length = 0;
      for (const message of page.messages) this.#append(message, Number(page.lastEventId));
      this.olderCursor = page.nextCursor;
      this.newerCursor = page.newerCursor;
      this.lastEventId ??= page.lastEventId;
      this.status = 'ready';
      return;
    }
    const asOf = Number(page.lastEventId);
    const fresh: Message[] = [];
    for (const message of page.messages) {
      if (!this.#replaceIfNewer(message, asOf)) fresh.push(message);
    }
    if (edge === 'older') {
      const first = this.messages[0];
      const older = fresh.filter((m) => first === undefined || m.seq < first.seq);
      for (const message of older) this.#index(message, asOf);
      this.messages.unshift(...older);
      this.olderCursor = page.nextCursor;
    } else {
      for (const message of fresh) this.#add(message, asOf);
      this.newerCursor = page.newerCursor;
      this.followsAppends = false;
    }
  }

  #merge({ message }: RoomEvent, eventId: string | undefined): void {
    if (eventId !== undefined) this.lastEventId = eventId;
    // A mutation's answer has no event id: when it was true is unknown, so it never wins a tie.
    const asOf = eventId === undefined ? undefined : Number(eventId);
    if (this.#replaceIfNewer(message, asOf)) return;
    if (this.#withinSpan(message)) this.#add(message, asOf);
  }

  /**
   * True when the id is known (replaced or not). A newer version wins, and an equal one from a
   * copy that includes a later event (a reaction, a pin); `asOf` is that event, undefined for an
   * answer.
   */
  #replaceIfNewer(message: Message, asOf: number | undefined): boolean {
    const current = this.#byId.get(message.id);
    if (!current) return false;
    const later = asOf !== undefined && asOf > (this.#asOf.get(message.id) ?? 0);
    if (!supersedes(message, current, later)) return true;
    this.#put(current, message);
    if (later) this.#asOf.set(message.id, asOf);
    this.#countReply(current, message, asOf);
    return true;
  }

  #put(current: Message, next: Message): void {
    this.messages[this.#indexOfSeq(current.seq)] = next;
    this.#byId.set(next.id, next);
  }

  /** A message not held before; a send's answer (no `asOf`) is the message as it was created. */
  #add(message: Message, asOf: number | undefined): void {
    this.#insert(message, asOf ?? message.seq);
    this.#countReply(undefined, message, asOf);
  }

  /**
   * A reply appearing or being deleted moves its thread's count on the root, unless the root's
   * copy was read after that happened and counts it already. Its creation is at its seq; its
   * deletion at the event's, unknown for an answer (then it is taken to be news).
   */
  #countReply(previous: Message | undefined, next: Message, asOf: number | undefined): void {
    const change = replyCountChange(previous, next);
    const root = next.threadRootId === null ? undefined : this.#byId.get(next.threadRootId);
    if (change === 0 || !root) return;
    const at = change > 0 ? next.seq : asOf;
    if (at !== undefined && at <= (this.#asOf.get(root.id) ?? 0)) return;
    this.#put(root, withReplyCount(root, change));
  }

  /** Older ones arrive with older pages, and newer ones, while the span is a window, with newer pages. */
  #withinSpan(message: Message): boolean {
    const first = this.messages[0];
    const last = this.messages.at(-1);
    if (this.status !== 'ready') return false;
    const afterStart = this.olderCursor === null || (first !== undefined && message.seq > first.seq);
    const beforeEnd = this.newerCursor === null || (last !== undefined && message.seq < last.seq);
    return afterStart && beforeEnd;
  }

  #insert(message: Message, asOf: number): void {
    const last = this.messages.at(-1);
    if (last === undefined || message.seq > last.seq) return this.#append(message, asOf);
    this.messages.splice(this.#insertionPoint(message.seq), 0, message);
    this.#index(message, asOf);
  }

  #append(message: Message, asOf: number): void {
    this.messages.push(message);
    this.#index(message, asOf);
  }

  #index(message: Message, asOf: number): void {
    this.#byId.set(message.id, message);
    this.#asOf.set(message.id, asOf);
    if (message.clientMsgId) this.#clientMsgIds.add(message.clientMsgId);
  }

  #forget(message: Message): void {
    this.#byId.delete(message.id);
    this.#asOf.delete(message.id);
    if (message.clientMsgId) this.#clientMsgIds.delete(message.clientMsgId);
  }

  /** The first index whose seq is at least `seq`. */
  #insertionPoint(seq: number): number {
    let low = 0;
    let high = this.messages.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.messages[mid]?.seq ?? 0) < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #indexOfSeq(seq: number): number {
    const at = this.#insertionPoint(seq);
    return this.messages[at]?.seq === seq ? at : -1;
  }

  #changed(): void {
    this.revision++;
    for (const listener of this.#listeners) listener();
  }
}
