/** Every message body is this long (a tweet's worth), padded after its marker. */
export const BODY_BYTES = 140;

const MARK = '#m:';

/**
 * A body carrying `#m:<run>:<index>#`: receivers find it with `indexOf` in the raw frame of any
 * target, so no target's frames have to be parsed as JSON on the measured path.
 */
export function makeBody(run: string, index: number): string {
  const head = `${MARK}${run}:${index}#`;
  return head + 'x'.repeat(Math.max(0, BODY_BYTES - head.length));
}

/** The message index of a frame of run `run`, or -1 (another run's straggler, or not a message). */
export function readIndex(frame: string, run: string): number {
  const at = frame.indexOf(MARK);
  if (at < 0) return -1;
  const runEnd = at + MARK.length + run.length;
  if (frame.slice(at + MARK.length, runEnd) !== run || frame[runEnd] !== ':') return -1;
  const end = frame.indexOf('#', runEnd);
  return end < 0 ? -1 : Number(frame.slice(runEnd + 1, end));
}

let runCounter = 0;
/** A fresh run id (a workload, a ladder step): late frames of earlier runs are ignored. */
export const newRunId = (): string => `${process.pid.toString(36)}${(runCounter++).toString(36)}`;
