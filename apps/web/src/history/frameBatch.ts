/** A hidden tab runs no animation frames; its events still have to land (unread counts, notifications). */
const HIDDEN_TAB_DELAY_MS = 100;
/**
 * More than this many at once and the app is behind (a replay after a reconnect, a flood faster
 * than anyone reads): not every one will be on screen anyway, so drawing is paced. Below it every
 * frame draws what came, and each message is seen.
 */
const BEHIND = 24;
/**
 * When behind, the next hand-over waits this many times as long as the last one took: drawing
 * takes at most a quarter of the main thread, the rest is left for reading what arrives. A
 * replay of thousands finishes sooner drawn a few times than drawn every frame, since each
 * drawing costs about the same whatever it brings (only the rows in view).
 */
const WAIT_PER_COST = 3;
/** The longest such wait, so what arrives is still seen moving. */
const MAX_WAIT_MS = 250;

/**
 * Collects items and hands them over together once per animation frame, so a burst of events
 * costs one render rather than one per event. `flush` should do its work (render included)
 * before it returns: its duration paces the next hand-over. A timer stands in when frames stop
 * (hidden tab).
 */
export interface FrameBatch<T> {
  push(item: T): void;
  /** Hands over what is waiting now (and stops waiting). */
  flush(): void;
}

export function frameBatch<T>(flush: (items: T[]) => void, now: () => number = () => performance.now()): FrameBatch<T> {
  let items: T[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pacing: ReturnType<typeof setTimeout> | undefined;
  let notBefore = 0;
  const run = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(pacing);
    frame = 0;
    timer = pacing = undefined;
    const batch = items;
    items = [];
    if (batch.length === 0) return;
    const start = now();
    flush(batch);
    const end = now();
    notBefore = batch.length > BEHIND ? end + Math.min((end - start) * WAIT_PER_COST, MAX_WAIT_MS) : 0;
  };
  const nextFrame = () => {
    pacing = undefined;
    frame = requestAnimationFrame(run);
    timer = setTimeout(run, HIDDEN_TAB_DELAY_MS);
  };
  return {
    push(item: T) {
      items.push(item);
      if (timer !== undefined || pacing !== undefined) return;
      const wait = notBefore - now();
      if (wait > 0) pacing = setTimeout(nextFrame, wait);
      else nextFrame();
    },
    flush: run,
  };
}
