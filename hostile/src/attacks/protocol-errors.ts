import { atLeast, describeLine, withStack } from '../logs.ts';
import { nextAddress } from '../net.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';
import { sleep } from '../time.ts';
import { clientFrame, closeCodeAfter, TEXT } from '../ws-frames.ts';

export type ProtocolError = 'reserved-bit' | 'invalid-utf8';

/** A frame that breaks RFC 6455: RSV1 set with no extension agreed, or a text frame that is not UTF-8. */
const brokenFrame = (kind: ProtocolError): Buffer =>
  kind === 'reserved-bit' ? clientFrame(TEXT, Buffer.from('PING'), 0b100) : clientFrame(TEXT, Buffer.from([0x68, 0x69, 0xff, 0xfe]));

export interface ProtocolErrorOutcome {
  /** Close codes the server answered with: `{ '1002': 100 }` ('none' for no close frame). */
  closeCodes: Record<string, number>;
  /** What the server logged meanwhile. */
  logLines: number;
  /** Lines at warn (40) or above, and lines carrying a stack trace. */
  serious: string[];
  withStack: string[];
}

/** `connections` WebSockets from one address, `atOnce` at a time, each sending one broken frame. */
export async function brokenFrames(target: Target, kind: ProtocolError, connections = 1, atOnce = 10): Promise<ProtocolErrorOutcome> {
  const address = nextAddress();
  const mark = target.logs.mark();
  const codes: (number | null)[] = [];
  for (let done = 0; done < connections; done += atOnce) {
    const batch = Array.from({ length: Math.min(atOnce, connections - done) }, () => closeCodeAfter(target, brokenFrame(kind), address));
    codes.push(...(await Promise.all(batch)));
  }
  // Lines are read from the server's stdout a moment after they are written.
  await sleep(300);
  const lines = target.logs.since(mark);
  return { closeCodes: tally(codes.map((code) => String(code ?? 'none'))), logLines: lines.length, serious: atLeast(lines, 40).map(describeLine), withStack: withStack(lines).map(describeLine) };
}
