import { readFileSync } from 'node:fs';

/** Resident set size in bytes from /proc/<pid>/status; null once the process is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface MemoryReport {
  baselineBytes: number;
  peakBytes: number;
  /** Peak minus baseline. */
  growthBytes: number;
}

/** Samples a process's RSS often enough to catch a short spike (an image decoded, a body buffered). */
export class MemoryWatch {
  /** The RSS when the watch started (after start-up and warm-up): growth is measured from it. */
  private readonly baseline: number;
  private peak: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.baseline = this.peak = rssBytes(pid) ?? 0;
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  stop(): MemoryReport {
    this.sample();
    clearInterval(this.timer);
    return { baselineBytes: this.baseline, peakBytes: this.peak, growthBytes: this.peak - this.baseline };
  }

  private sample(): void {
    this.peak = Math.max(this.peak, rssBytes(this.pid) ?? 0);
  }
}

/** Runs `attack` while watching a process's RSS, so that a failure of memory names its attack. */
export async function rssGrowthDuring<T>(pid: number, attack: () => Promise<T>): Promise<{ seen: T; growthBytes: number }> {
  const watch = new MemoryWatch(pid, 20);
  let seen: T;
  try {
    seen = await attack();
  } catch (err) {
    watch.stop();
    throw err;
  }
  return { seen, growthBytes: watch.stop().growthBytes };
}
