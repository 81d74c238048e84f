import { randomBytes } from 'node:crypto';
import { unsatisfiableRange } from '../attacks/bad-range.ts';
import { callsInOneFrame, oversizedFrame, type FrameOutcome } from '../attacks/call-flood.ts';
import { deletedMeansDeleted } from '../attacks/deleted-means-deleted.ts';
import { oversizedBatch } from '../attacks/http-batch.ts';
import { editAfterLeaving } from '../attacks/left-room-edit.ts';
import { chunkedHugeBody, declaredHugeBody, type BodyOutcome } from '../attacks/oversized-body.ts';
import { ordinaryImage, pixelBombs } from '../attacks/pixel-bomb.ts';
import { brokenFrames, type ProtocolError, type ProtocolErrorOutcome } from '../attacks/protocol-errors.ts';
import { queryFlood } from '../attacks/query-budget.ts';
import { pacedUpload, slowBody, slowHeaders, stalledUpload, type SlowOutcome } from '../attacks/slow-clients.ts';
import { unsignedSockets, userSockets, type SocketsOutcome } from '../attacks/socket-flood.ts';
import { distinctRoomSubscriptions, sameRoomSubscriptions } from '../attacks/subscription-flood.ts';
import { uploadsAtTheLimit } from '../attacks/upload-limit.ts';
import type { Limits } from '../settings.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';

/** One attack as the soak repeats it: what it observed, put in words, and the words that are right. */
export interface Attack {
  name: string;
  expected: string[];
  run(target: Target): Promise<string>;
}

/** As the tests allow: Node checks header and request deadlines every second or so. */
const SLACK_MS = 3000;

const status = (code: number | null): string => (code === null ? 'no answer' : String(code));
const closed = (code: number | null): string => (code === null ? 'open' : `close ${code}`);
/** `{ b: 2, a: 1 }` → `a × 1, b × 2`: the same words for the same counts, whatever their order. */
const counts = (counted: Record<string, number>, name = (what: string) => what): string[] =>
  Object.entries(counted)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([what, n]) => `${name(what)} × ${n}`);
const closeCode = (what: string) => (what === 'open' ? what : `close ${what}`);
const words = (parts: string[]): string => parts.join(', ');

const body = (seen: BodyOutcome) => `${status(seen.status)}, ${seen.closed ? 'closed' : 'left open'}`;
const deadline = (seen: SlowOutcome, limitMs: number) => {
  const when = seen.closedAfterMs === null ? 'never closed' : seen.closedAfterMs < limitMs + SLACK_MS ? 'closed in time' : `closed after ${seen.closedAfterMs} ms`;
  return `${status(seen.status)}, ${when}`;
};
const frame = (seen: FrameOutcome) => words([closed(seen.closeCode), ...counts(seen.answers)]);
const sockets = (seen: SocketsOutcome) => words([`opened ${seen.opened}`, ...counts(seen.refused), ...counts(seen.ended, closeCode)]);
const protocol = (seen: ProtocolErrorOutcome, maxLogLines: number) =>
  words([
    ...counts(seen.closeCodes, closeCode),
    ...(seen.serious.length ? [`${seen.serious.length} lines at warn or above`] : []),
    ...(seen.withStack.length ? [`${seen.withStack.length} stack traces`] : []),
    ...(seen.logLines > maxLogLines ? [`${seen.logLines} log lines`] : []),
  ]);
const broken = (kind: ProtocolError, connections: number, maxLogLines: number) => async (target: Target) =>
  protocol(await brokenFrames(target, kind, connections), maxLogLines);

/**
 * Every attack of src/attacks that a running server can take again and again, with the
 * outcome test/*.test.ts expects of it. Left out: the quota and disk-floor uploads, which need
 * a server started with other limits.
 */
export function attackCatalog(limits: Limits): Attack[] {
  let sameBytes: Buffer | undefined;
  // The same bytes each time, so that the store keeps one copy of the file at the limit however many rounds run.
  const fixedContent = (size: number) => (sameBytes ??= randomBytes(limits.maxUploadBytes + 1)).subarray(0, size);
  const inFlight = limits.wsMaxCallsInFlight;
  const bombs = 3 * limits.uploadMaxConcurrentPerUser;
  return [
    { name: 'body declared as 200 MB', expected: ['413, closed'], run: async (t) => body(await declaredHugeBody(t)) },
    { name: 'chunked body over the limit', expected: ['413, closed'], run: async (t) => body(await chunkedHugeBody(t)) },
    { name: `HTTP batch of ${limits.httpMaxBatch + 1} calls`, expected: ['400'], run: async (t) => status((await oversizedBatch(t)).status) },
    { name: '300 queries from one user', expected: ['TOO_MANY_REQUESTS + ok'], run: async (t) => Object.keys(await queryFlood(t)).sort().join(' + ') },
    {
      name: 'request head a byte at a time',
      expected: ['408, closed in time', 'no answer, closed in time'],
      run: async (t) => deadline(await slowHeaders(t), limits.httpHeadersTimeoutMs),
    },
    { name: 'body a byte a second', expected: ['408, closed in time'], run: async (t) => deadline(await slowBody(t), limits.httpRequestTimeoutMs) },
    {
      name: 'upload making steady progress',
      expected: ['201, outlasted the request timeout'],
      run: async (t) => {
        const seen = await pacedUpload(t);
        return `${status(seen.status)}, ${seen.tookMs > limits.httpRequestTimeoutMs ? 'outlasted the request timeout' : `done in ${seen.tookMs} ms`}`;
      },
    },
    {
      name: 'upload that stalls',
      expected: ['408, closed in time', 'no answer, closed in time'],
      run: async (t) => deadline(await stalledUpload(t), limits.uploadIdleTimeoutMs),
    },
    { name: '5,000 calls in one frame', expected: ['close 1008'], run: async (t) => frame(await callsInOneFrame(t, 5000)) },
    {
      name: '200 calls in one frame',
      expected: [`open, at most ${inFlight} run, the rest TOO_MANY_REQUESTS`],
      run: async (t) => {
        const seen = await callsInOneFrame(t, 200);
        const { data = 0, TOO_MANY_REQUESTS: refused = 0, ...other } = seen.answers;
        const bounded = seen.closeCode === null && Object.keys(other).length === 0 && data <= inFlight && refused > 0 && data + refused === 200;
        return bounded ? `open, at most ${inFlight} run, the rest TOO_MANY_REQUESTS` : frame(seen);
      },
    },
    { name: 'frame over 1 MiB', expected: ['close 1009'], run: async (t) => closed((await oversizedFrame(t)).closeCode) },
    { name: '3,000 subscriptions to one room', expected: ['open, BAD_REQUEST × 2999, started × 1'], run: async (t) => frame(await sameRoomSubscriptions(t, 3000)) },
    {
      name: `${limits.wsMaxSubscriptions + 10} subscriptions to distinct rooms`,
      expected: [`open, TOO_MANY_REQUESTS × 10, started × ${limits.wsMaxSubscriptions}`],
      run: async (t) => frame(await distinctRoomSubscriptions(t, 10)),
    },
    {
      name: '80 sockets never signing in, one address',
      expected: [`opened ${limits.wsMaxUnsignedPerAddress}, 429 × ${80 - limits.wsMaxUnsignedPerAddress}, close 1008 × ${limits.wsMaxUnsignedPerAddress}`],
      run: async (t) => sockets(await unsignedSockets(t, 80)),
    },
    {
      name: '40 sockets of one user',
      expected: [`opened 40, close 1008 × ${40 - limits.wsMaxSocketsPerUser}, open × ${limits.wsMaxSocketsPerUser}`],
      run: async (t) => sockets(await userSockets(t, 40)),
    },
    { name: 'frame with a reserved bit', expected: ['close 1002 × 1'], run: broken('reserved-bit', 1, Infinity) },
    { name: 'text frame not UTF-8', expected: ['close 1007 × 1'], run: broken('invalid-utf8', 1, Infinity) },
    { name: '100 connections breaking the protocol', expected: ['close 1002 × 100'], run: broken('reserved-bit', 100, 5) },
    {
      name: `pixel bombs, ${bombs} at once`,
      expected: [`201 plain file × ${bombs}`],
      run: async (t) => {
        const seen = await pixelBombs(t, 3);
        const each = seen.map((s) => (s.status === 201 && s.thumbnailUrl === null && s.width === null && s.height === null ? '201 plain file' : `${status(s.status)} ${JSON.stringify(s)}`));
        return words(counts(tally(each)));
      },
    },
    {
      name: 'ordinary small PNG',
      expected: ['201, thumbnail'],
      run: async (t) => {
        const seen = await ordinaryImage(t);
        return `${status(seen.status)}, ${typeof seen.thumbnailUrl === 'string' ? 'thumbnail' : 'no thumbnail'}`;
      },
    },
    {
      name: 'Range past the end of a file',
      expected: ['416, Content-Range bytes */size'],
      run: async (t) => {
        const seen = await unsatisfiableRange(t);
        const range = seen.contentRange === `bytes */${seen.size}` ? 'Content-Range bytes */size' : `Content-Range ${seen.contentRange ?? 'missing'}`;
        return words([status(seen.status), range, ...(seen.errors.length ? [`${seen.errors.length} errors logged`] : [])]);
      },
    },
    {
      name: 'upload of exactly the limit, then a byte more',
      expected: ['201 then 413'],
      run: async (t) => {
        const seen = await uploadsAtTheLimit(t, fixedContent);
        return `${status(seen.exactly)} then ${status(seen.oneByteMore)}`;
      },
    },
    {
      name: 'edited and deleted secrets',
      expected: ['replay clean, 0 search hits, file 404', 'replay clean, 0 search hits, file 410'],
      run: async (t) => {
        const seen = await deletedMeansDeleted(t);
        const replay = seen.replayFrames === 0 ? 'no replay' : seen.secretsInReplay.length ? `replay shows ${seen.secretsInReplay.join(' and ')}` : 'replay clean';
        const hits = Object.values(seen.searchHits).reduce((a, b) => a + b, 0);
        return `${replay}, ${hits} search hits, file ${status(seen.attachmentStatus)}`;
      },
    },
    {
      name: 'edit and delete after leaving',
      expected: ['edit FORBIDDEN, delete ok'],
      run: async (t) => {
        const seen = await editAfterLeaving(t);
        return `edit ${seen.edit}, delete ${seen.delete}`;
      },
    },
  ];
}
