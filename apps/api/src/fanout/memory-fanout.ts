import type { BusMessage, FanOut, PublishedMessage } from './fanout.ts';

/** Fan-out inside one process: every listener gets the very same object, so it is encoded once. */
export class MemoryFanOut implements FanOut {
  private readonly listeners = new Map<string, Set<(message: BusMessage) => void>>();

  async publish(channel: string, message: PublishedMessage): Promise<void> {
    const set = this.listeners.get(channel);
    if (!set) return;
    for (const listener of [...set]) listener(message);
  }

  async subscribe(channel: string, listener: (message: BusMessage) => void): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    const entry = (message: BusMessage) => listener(message);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.listeners.get(channel) === set) this.listeners.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
