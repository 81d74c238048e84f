import { randomBytes } from 'node:crypto';
import { signUp } from '../clients.ts';
import { atLeast, describeLine } from '../logs.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { sleep } from '../time.ts';
import { download, upload } from '../uploads.ts';

export interface RangeOutcome {
  size: number;
  status: number | null;
  contentRange: string | undefined;
  /** Lines logged meanwhile at error (50) or above. */
  errors: string[];
}

/** The uploader of a 4 KiB file asks for the bytes from 99999999 on. */
export async function unsatisfiableRange(target: Target): Promise<RangeOutcome> {
  const account = await signUp(target, nextAddress(), 'ranger');
  const size = 4096;
  const file = await upload(target, account, { name: 'small.bin', content: randomBytes(size) });
  if (file.status !== 201) throw new Error(`the upload to read from failed: ${file.status} ${JSON.stringify(file.json)}`);
  const mark = target.logs.mark();
  const reply = await download(target, account, String(file.json.id), { range: 'bytes=99999999-' });
  // Lines are read from the server's stdout a moment after they are written.
  await sleep(300);
  const contentRange = reply.headers['content-range'];
  return { size, status: reply.status, contentRange, errors: atLeast(target.logs.since(mark), 50).map(describeLine) };
}
