import type { RoomEvent } from '@chat/api-types';
import { RoomTimeline, type HistoryPage, type PageRequest } from './roomTimeline.ts';
import { SAVED_MESSAGES_PER_ROOM, type TimelineCache } from './timelineCache.ts';

/** Saves are at most this often per room: a busy room is written once a second, not per message. */
const SAVE_EVERY_MS = 1_000;

/**
 * The signed-in session's room timelines, made on first use and restored from what the last
 * visit saved. Changed rooms are saved in the background, one room's key at a time, and at once
 * when the page is left (it runs no more timers then).
 */
export class Timelines {
  readonly #rooms = new Map<string, RoomTimeline>();
  readonly #dirty = new Set<string>();
  readonly #fetchPage: (roomId: string, request: PageRequest) => Promise<HistoryPage>;
  readonly #cache: TimelineCache | null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(fetchPage: (roomId: string, request: PageRequest) => Promise<HistoryPage>, cache: TimelineCache | null) {
    this.#fetchPage = fetchPage;
    this.#cache = cache;
    if (cache) window.addEventListener('pagehide', this.#save);
  }

  get(roomId: string): RoomTimeline {
    let timeline = this.#rooms.get(roomId);
    if (timeline) return timeline;
    timeline = new RoomTimeline((request) => this.#fetchPage(roomId, request), this.#cache?.read(roomId));
    this.#rooms.set(roomId, timeline);
    if (this.#cache) timeline.subscribe(() => this.#changed(roomId));
    return timeline;
  }

  /** A mutation's own answer (send, edit, delete), merged into its room if that room was ever opened. */
  applyAnswer(event: RoomEvent): void {
    this.#rooms.get(event.message.roomId)?.apply([{ event, eventId: undefined }]);
  }

  /** Saved copies are kept only of these rooms (timelineCache.ts); a pending save of another is dropped. */
  retainSaved(roomIds: ReadonlySet<string>): void {
    for (const roomId of this.#dirty) if (!roomIds.has(roomId)) this.#dirty.delete(roomId);
    this.#cache?.retain(roomIds);
  }

  close(): void {
    this.#save();
    window.removeEventListener('pagehide', this.#save);
  }

  #changed(roomId: string): void {
    this.#dirty.add(roomId);
    this.#timer ??= setTimeout(this.#save, SAVE_EVERY_MS);
  }

  #save = (): void => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const roomId of this.#dirty) {
      const snapshot = this.#rooms.get(roomId)?.snapshot(SAVED_MESSAGES_PER_ROOM);
      if (snapshot) this.#cache?.write(roomId, snapshot);
    }
    this.#dirty.clear();
  };
}
