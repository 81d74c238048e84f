import { WebSocket } from 'ws';
import { CALL_DEADLINE_MS } from './deadline.ts';
import { defectOf, outcomeOfShape, preview, type ErrorShape } from './outcome.ts';
import type { RawScript } from './raw-frames.ts';

/** Asked last: once it is answered, the server has read every frame before it. */
const SENTINEL = JSON.stringify({ id: 'fuzz-sentinel', method: 'query', params: { path: 'auth.me' } });
/** After the sentinel's answer, how long to wait for answers still being worked on (a login's hash). */
const QUIET_MS = 50;

/** Close codes that say the server failed, not that it refused: "internal error" and a dropped connection. */
const FAILED_CLOSE_CODES = new Set([1006, 1011]);

function openingFrame(script: RawScript, memberToken: string): string | null {
  const { opening } = script;
  if (opening.kind === 'member') return JSON.stringify({ method: 'connectionParams', data: { token: memberToken } });
  if (opening.kind === 'params') return JSON.stringify({ method: 'connectionParams', data: opening.data }) ?? '';
  if (opening.kind === 'raw') return opening.frame;
  return null;
}

/** Why one answer frame breaks the property, or null. */
function defectOfAnswer(text: string): string | null {
  if (text === 'PONG') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `an answer that is not JSON: ${preview(text)}`;
  }
  for (const message of [parsed].flat()) {
    const error = (message as { error?: ErrorShape } | null)?.error;
    const defect = error === undefined ? null : defectOf(outcomeOfShape(error));
    if (defect) return `${defect}\n    answer: ${text.length > 400 ? `${text.slice(0, 400)}…` : text}`;
  }
  return null;
}

/**
 * Plays a script on a raw `ws` socket (no tRPC client to tidy up after us) and returns what
 * was wrong with the server's side of it: answers that are internal errors, a server that
 * stopped answering, a socket closed as failed.
 */
export async function playRawScript(wsUrl: string, memberToken: string, script: RawScript): Promise<string[]> {
  const url = script.opening.kind === 'none' || script.opening.kind === 'bearer' ? wsUrl : `${wsUrl}?connectionParams=1`;
  const headers: Record<string, string> = script.opening.kind === 'bearer' ? { authorization: `Bearer ${memberToken}` } : {};
  const socket = new WebSocket(url, { headers });
  const answers: string[] = [];
  let lastAnswerAt = Date.now();
  let sentinelAnswered = false;
  let closing = false;
  let serverClosedWith: number | null = null;
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? `(binary) ${String(data)}` : String(data);
    answers.push(text);
    lastAnswerAt = Date.now();
    if (text.includes('"fuzz-sentinel"')) sentinelAnswered = true;
  });
  const closed = new Promise<void>((resolve) =>
    socket.on('close', (code) => {
      if (!closing) serverClosedWith = code;
      resolve();
    }),
  );
  const opened = new Promise<Error | null>((resolve) => {
    socket.once('open', () => resolve(null));
    socket.on('error', (err) => resolve(err));
  });
  const failedToOpen = await opened;
  if (failedToOpen) return [`the socket did not open: ${failedToOpen.message}`];

  const first = openingFrame(script, memberToken);
  if (first !== null) socket.send(first);
  for (const frame of script.frames) socket.send(frame, { binary: typeof frame !== 'string' });
  socket.send(SENTINEL);

  const deadline = Date.now() + CALL_DEADLINE_MS;
  while (serverClosedWith === null && !(sentinelAnswered && Date.now() - lastAnswerAt >= QUIET_MS) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const defects: string[] = [];
  if (serverClosedWith === null && !sentinelAnswered) defects.push(`no answer to a final auth.me within ${CALL_DEADLINE_MS} ms, and the socket is still open`);
  if (serverClosedWith !== null && FAILED_CLOSE_CODES.has(serverClosedWith)) defects.push(`the server closed the socket with code ${serverClosedWith}`);
  for (const text of answers) {
    const defect = defectOfAnswer(text);
    if (defect) defects.push(defect);
  }
  closing = true;
  if (script.ending === 'terminate') socket.terminate();
  else socket.close();
  await closed;
  return defects;
}
