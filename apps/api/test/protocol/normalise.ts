import { isRecord, type Frame, type WireClient } from './wire-client.ts';

/** What one socket was sent, made comparable between the two servers. */
export interface SocketTranscript {
  /** Frames per call id (`null`: frames about no call), each call's frames in the order they came. */
  calls: Record<string, Frame[]>;
  /** Close code, or null if the socket was still open when the scenario ended. */
  closed: number | null;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * Rows a run creates get new ids from the database, so each run numbers them itself, per kind,
 * in the order they first appear: the same row keeps the same alias wherever it shows up.
 */
class Aliases {
  private readonly kinds = new Map<string, Map<unknown, string>>();

  of(kind: string, value: unknown): string {
    let seen = this.kinds.get(kind);
    if (!seen) this.kinds.set(kind, (seen = new Map()));
    if (!seen.has(value)) seen.set(value, `<${kind} ${seen.size + 1}>`);
    return seen.get(value) as string;
  }
}

/**
 * The frames of every socket of one run, keyed by the scenario's name for each socket.
 * `tag` is the run's own text in names and client message ids (which must be unique).
 */
export function transcript(sockets: Record<string, WireClient>, tag: string): Record<string, SocketTranscript> {
  const aliases = new Aliases();
  const result: Record<string, SocketTranscript> = {};
  for (const [name, socket] of Object.entries(sockets)) {
    const calls: Record<string, Frame[]> = {};
    for (const [id, frames] of byCall(socket.frames)) calls[id] = frames.map((frame) => clean(frame, tag, aliases, undefined, null));
    result[name] = { calls, closed: socket.closeCode };
  }
  return result;
}

/**
 * Why grouped by call: wsLink matches answers to calls by id, and the order between the answers
 * of different calls (a batch, a live event against a mutation's answer) is the database's timing.
 * Within a call the order is kept: started, then data in event order, then stopped.
 */
function byCall(frames: Frame[]): [string, Frame[]][] {
  const groups = new Map<string, Frame[]>();
  for (const frame of frames) {
    // Why dropped: the server's PING comes from a timer (one per socket in tRPC, one sweep for
    // all sockets in ours) and not in answer to anything; PONG, the answer to a PING, is kept.
    if (frame === 'PING') continue;
    const key = frame === 'PONG' ? 'keep-alive' : String(isRecord(frame) ? frame.id : frame);
    const group = groups.get(key) ?? [];
    // Why dropped: after a started subscription's error tRPC's adapter also sends `stopped`,
    // ours does not (push-subscription.ts: "with an error, or `stopped` when there is none");
    // wsLink ends the call at the error and drops frames of ended calls.
    if (isStopped(frame) && isRecord(group.at(-1)) && 'error' in (group.at(-1) as object)) continue;
    groups.set(key, [...group, frame]);
  }
  // Sorted so that aliases are handed out in the same order on both runs.
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
}

export const isStopped = (frame: Frame): boolean => isRecord(frame) && isRecord(frame.result) && frame.result.type === 'stopped';

function clean(value: unknown, tag: string, aliases: Aliases, key: string | undefined, parent: Record<string, unknown> | null): unknown {
  if (typeof value === 'string') {
    // Why: createdAt, editedAt, lastMessageAt are the clock's.
    if (ISO_TIME.test(value)) return '<time>';
    const kind = rowKind(key, parent);
    if (kind) return aliases.of(kind, value);
    // Why: room names and clientMsgIds must be unique, so each run puts its tag in them.
    return value.split(tag).join('<run>');
  }
  if (Array.isArray(value)) return value.map((item) => clean(item, tag, aliases, undefined, null));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Why: a stack trace is the server's own code (sent only when NODE_ENV=development).
    if (k === 'stack' && parent !== null && key === 'data') continue;
    out[k] = clean(v, tag, aliases, k, value);
  }
  return out;
}

/** Which table's id `key` holds, by the shapes of packages/api-types (Room, Message); else null. */
function rowKind(key: string | undefined, parent: Record<string, unknown> | null): string | null {
  if (key === 'roomId') return 'room';
  if (key === 'messageId') return 'message';
  if (key !== 'id' || parent === null) return null;
  if ('memberCount' in parent) return 'room';
  if ('clientMsgId' in parent) return 'message';
  return null;
}
