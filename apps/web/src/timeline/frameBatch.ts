/** A hidden tab runs no animation frames; its events still have to land (unread counts, notifications). */
const HIDDEN_TAB_DELAY_MS = 100;

/**
 * Collects items and hands them over together once per animation frame, so a burst of events
 * costs one render rather than one per event. A timer stands in when frames stop (hidden tab).
 */
export interface FrameBatch<T> {
  push(item: T): void;
  /** Hands over what is waiting now (and stops waiting for a frame). */
  flush(): void;
}

export function frameBatch<T>(flush: (items: T[]) => void): FrameBatch<T> {
  let items: T[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
    const batch = items;
    items = [];
    if (batch.length > 0) flush(batch);
  };
  return {
    push(item: T) {
      items.push(item);
      if (timer !== undefined) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, HIDDEN_TAB_DELAY_MS);
    },
    flush: run,
  };
}
