import { createHash, randomBytes } from 'node:crypto';
import { nextAddress, RawConnection, requestHead } from './net.ts';
import type { Target } from './target.ts';
import { waitUntil } from './time.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const TEXT = 0x1;

/** A client frame (masked, as clients must), FIN set, with the reserved bits given (0–7). */
export function clientFrame(opcode: number, payload: Buffer, reservedBits = 0): Buffer {
  if (payload.length > 125) throw new Error('hand-made frames here are small');
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from([0x80 | (reservedBits << 4) | opcode, 0x80 | payload.length]), mask, masked]);
}

/** The code of the first close frame in `bytes` (the server's frames, which are not masked). */
function closeCodeIn(bytes: Buffer): number | null {
  for (let at = 0; at + 2 <= bytes.length; ) {
    const opcode = (bytes[at] as number) & 0x0f;
    let length = (bytes[at + 1] as number) & 0x7f;
    let start = at + 2;
    if (length === 126) [length, start] = [bytes.readUInt16BE(at + 2), at + 4];
    else if (length === 127) [length, start] = [Number(bytes.readBigUInt64BE(at + 2)), at + 10];
    if (opcode === 0x8) return length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : null;
    at = start + length;
  }
  return null;
}

/**
 * Opens a WebSocket by hand (the upgrade request, then raw bytes), writes `frame` and returns
 * the code of the close frame the server answers with; null when it sends none (or refuses the
 * upgrade).
 */
export async function closeCodeAfter(target: Target, frame: Buffer, address = nextAddress()): Promise<number | null> {
  const conn = await RawConnection.open(target, address);
  try {
    const key = randomBytes(16).toString('base64');
    await conn.write(requestHead('GET', '/trpc', { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': key, 'sec-websocket-version': 13 }));
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    const headEnd = () => conn.received.indexOf('\r\n\r\n');
    if (!(await waitUntil(() => headEnd() >= 0 || conn.closed, 3000)) || conn.status() !== 101) return null;
    if (!conn.received.subarray(0, headEnd()).toString('latin1').includes(accept)) return null;
    await conn.write(frame);
    const frames = () => conn.received.subarray(headEnd() + 4);
    await waitUntil(() => closeCodeIn(frames()) !== null || conn.closed, 3000);
    return closeCodeIn(frames());
  } finally {
    conn.destroy();
  }
}
