import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';
import { waitUntil } from '../time.ts';
import { calls, WsRecorder } from '../ws-recorder.ts';

const ANSWER_TIMEOUT_MS = 5000;

export interface FrameOutcome {
  /** The code the server closed the socket with; null if it stayed open. */
  closeCode: number | null;
  /** How the calls were answered: `{ data: 50, TOO_MANY_REQUESTS: 150 }`. */
  answers: Record<string, number>;
}

/** One frame of `count` `room.list` queries from a signed-in socket. */
export async function callsInOneFrame(target: Target, count: number): Promise<FrameOutcome> {
  const account = await signUp(target, nextAddress(), 'caller');
  const socket = new WsRecorder(target, { address: account.address, token: account.token });
  try {
    await socket.opened;
    socket.sendCalls(calls(count, 'query', 'room.list'));
    await waitUntil(() => socket.isClosed || socket.outcomes.size >= count, ANSWER_TIMEOUT_MS);
    return { closeCode: socket.closeCode, answers: tally(socket.outcomes.values()) };
  } finally {
    await socket.close();
  }
}

/** One frame `extraBytes` over `wsMaxFrameBytes`: a single query padded with a long input. */
export async function oversizedFrame(target: Target, extraBytes = 1024): Promise<FrameOutcome> {
  const account = await signUp(target, nextAddress(), 'framer');
  const socket = new WsRecorder(target, { address: account.address, token: account.token });
  try {
    await socket.opened;
    const padding = 'a'.repeat(target.limits.wsMaxFrameBytes + extraBytes);
    socket.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'room.list', input: padding } }));
    await waitUntil(() => socket.isClosed || socket.outcomes.size > 0, ANSWER_TIMEOUT_MS);
    return { closeCode: socket.closeCode, answers: tally(socket.outcomes.values()) };
  } finally {
    await socket.close();
  }
}
