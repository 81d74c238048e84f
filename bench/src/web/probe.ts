/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The instrument the bench puts into every page; it runs inside the page (playwright
// serializes the function), hence the DOM types.
import type { BrowserContext } from 'playwright-core';

export interface Arrival {
  /** Date.now() when an element with this message's marker was first in the DOM. */
  at: number;
  /** The data-message-id of every element that carried it: more than one is a duplicate. */
  ids: string[];
}

export interface Probe {
  /** Long tasks as [epoch start, duration] since the page loaded. */
  longTasks: [number, number][];
  /** Epoch time when `watch`ed messages were first shown, by key. */
  shownAt: Record<string, number>;
  /** Marker index → first arrival, while `recordArrivals` runs. */
  arrivals: Record<number, Arrival>;
  longestTaskSince(since: number): number;
  domElements(): number;
  inDom(id: string): boolean;
  isShown(id: string, text: string): boolean;
  watchShown(key: string, id: string, text: string): void;
  recordArrivals(tag: string): void;
  census(tag: string): { counts: Record<number, number>; seqs: number[] };
  afterFrames(n: number): Promise<void>;
  scrollerCenter(): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __bench: Probe;
  }
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; the
 * serialized functions run in the page, where that helper does not exist.
 */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

/** Puts the probe into every page of the context, before the app's first script runs. */
export async function installProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(NAME_SHIM);
  await context.addInitScript(probe);
}

function probe(): void {
  // The scroller is whatever scrolls the messages; no assumption on which way it scrolls.
  const scrollerOf = (element: Element): HTMLElement | null => {
    let parent = element.parentElement;
    while (parent && !['auto', 'scroll'].includes(getComputedStyle(parent).overflowY)) parent = parent.parentElement;
    return parent;
  };
  // As bodies.ts's readMarker: textContent runs the time label into the body ("1:51 PMc7-00030").
  const markerPattern = (tag: string) => new RegExp(`${tag}-(\\d{5,})\\b`);

  const bench: Probe = {
    longTasks: [],
    shownAt: {},
    arrivals: {},

    // A task still running at `since` counts: a freeze that began just before is part of it.
    longestTaskSince(since) {
      let longest = 0;
      for (const [start, duration] of bench.longTasks) if (start + duration >= since) longest = Math.max(longest, duration);
      return Math.round(longest);
    },

    domElements: () => document.getElementsByTagName('*').length,

    inDom: (id) => document.querySelector(`[data-message-id="${CSS.escape(id)}"]`) !== null,

    // In the DOM, and inside the visible box of its scroller and of the window.
    isShown(id, text) {
      const element = document.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
      if (!element || !element.textContent?.includes(text)) return false;
      const box = scrollerOf(element)?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
      const rect = element.getBoundingClientRect();
      return rect.height > 0 && rect.bottom > Math.max(0, box.top) && rect.top < Math.min(innerHeight, box.bottom);
    },

    // Checked once a frame and timed by the page itself: right even when the page was too
    // busy to answer the bench for a while.
    watchShown(key, id, text) {
      delete bench.shownAt[key];
      const tick = () => {
        if (bench.isShown(id, text)) bench.shownAt[key] = Date.now();
        else requestAnimationFrame(tick);
      };
      tick();
    },

    // The whole document is watched: a list that rebuilds its container must not escape.
    recordArrivals(tag) {
      bench.arrivals = {};
      const pattern = markerPattern(tag);
      const note = (element: Element, at: number) => {
        const id = element.getAttribute('data-message-id');
        const match = id === null ? null : pattern.exec(element.textContent ?? '');
        if (!id || !match) return;
        const arrival = (bench.arrivals[Number(match[1])] ??= { at, ids: [] });
        if (!arrival.ids.includes(id)) arrival.ids.push(id);
      };
      new MutationObserver((records) => {
        const at = Date.now();
        for (const record of records) {
          // Also text filled into a message element that was already there (a list that
          // mounts an empty row first and its content later).
          const owner = record.target instanceof Element ? record.target.closest('[data-message-id]') : null;
          if (owner) note(owner, at);
          for (const node of record.addedNodes) {
            if (!(node instanceof Element)) continue;
            if (node.hasAttribute('data-message-id')) note(node, at);
            for (const inner of node.querySelectorAll('[data-message-id]')) note(inner, at);
          }
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-message-id'] });
    },

    census(tag) {
      const pattern = markerPattern(tag);
      const counts: Record<number, number> = {};
      const seqs: number[] = [];
      for (const element of document.querySelectorAll('[data-message-id]')) {
        const match = pattern.exec(element.textContent ?? '');
        if (!match) continue;
        const index = Number(match[1]);
        counts[index] = (counts[index] ?? 0) + 1;
        seqs.push(Number(element.getAttribute('data-seq')));
      }
      return { counts, seqs };
    },

    afterFrames: (n) =>
      new Promise((resolve) => {
        const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
        next(n);
      }),

    scrollerCenter() {
      const first = document.querySelector('[data-message-id]');
      const box = first && scrollerOf(first)?.getBoundingClientRect();
      return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
    },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}
