import fc from 'fast-check';
import type { Call } from './calls.ts';
import { hostileString, hostileValue } from './hostile-values.ts';
import { mutated } from './mutations.ts';

/** How a raw socket introduces itself before its frames. */
type Opening =
  /** No connectionParams: the socket is signed out from the start. */
  | { kind: 'none' }
  /** The member's token in an `Authorization` header of the upgrade request. */
  | { kind: 'bearer' }
  /** `?connectionParams=1`, then a connectionParams message with the member's token. */
  | { kind: 'member' }
  /** `?connectionParams=1`, then a connectionParams message carrying `data`. */
  | { kind: 'params'; data: unknown }
  /** `?connectionParams=1`, then whatever `frame` is. */
  | { kind: 'raw'; frame: string };

type Frame = string | Uint8Array;

export interface RawScript {
  opening: Opening;
  frames: Frame[];
  /** A clean close, or the TCP connection cut with subscriptions still running. */
  ending: 'close' | 'terminate';
}

/** Ids of every kind: small ones collide on purpose (duplicate subscriptions, stops of live ones). */
const id = fc.oneof(
  { weight: 3, arbitrary: fc.nat(8) },
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 64, 1e308, -1, 1.5, '', '1', 'x'.repeat(2000)),
  hostileValue,
);

const stringify = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/** Methods tRPC's client never sends with params, or not at all. */
const oddMethod = fc.constantFrom('subscription.stop', 'connectionParams', 'reconnect', 'QUERY', 'nope', '');
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, arbitrary);

/** The frame tRPC's own client sends for `call` (now and then with an odd method or a lastEventId), with a random id. */
function envelope(call: fc.Arbitrary<Call>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({ call, id, jsonrpc: fc.constantFrom(undefined, '2.0'), method: sometimes(oddMethod), lastEventId: sometimes(hostileValue) })
    .map(({ call, id, jsonrpc, method, lastEventId }) => ({ id, jsonrpc, method: method ?? call.type, params: { path: call.path, input: call.input, lastEventId } }));
}

/**
 * What a hostile client can put on the socket: well-formed calls of any procedure, calls with
 * one part wrong (id, method, params, at any depth), batches of them, stops of subscriptions,
 * truncated and malformed JSON, JSON that is no envelope, keep-alive words, binary frames.
 */
export function rawScriptArbitrary(call: fc.Arbitrary<Call>): fc.Arbitrary<RawScript> {
  const wellFormed = envelope(call);
  const anyEnvelope = fc.oneof(wellFormed, mutated(wellFormed));
  const stop = fc.record({ id, method: fc.constant('subscription.stop') });
  const frame: fc.Arbitrary<Frame> = fc.oneof(
    { weight: 4, arbitrary: wellFormed.map(stringify) },
    { weight: 4, arbitrary: mutated(wellFormed).map(stringify) },
    { weight: 2, arbitrary: fc.array(fc.oneof(anyEnvelope, stop), { minLength: 0, maxLength: 6 }).map(stringify) },
    stop.map(stringify),
    fc.tuple(wellFormed.map(stringify), fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)),
    fc.constantFrom('PING', 'PONG', '', 'null', '[]', '[[]]', '{}', '"x"', '1', 'not json', '{"id":1', '{"id":1,"method":"query"}', '{"id":1,"params":{}}'),
    hostileString,
    fc.jsonValue().map(stringify),
    fc.uint8Array({ maxLength: 512 }),
    wellFormed.map((value) => new TextEncoder().encode(stringify(value))),
  );
  const opening: fc.Arbitrary<Opening> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.constant({ kind: 'bearer' as const }),
    fc.constant({ kind: 'member' as const }),
    fc.record({ kind: fc.constant('params' as const), data: fc.oneof(hostileValue, hostileValue.map((token) => ({ token }))) }),
    fc.record({ kind: fc.constant('raw' as const), frame: fc.oneof(hostileString, frame.filter((f): f is string => typeof f === 'string')) }),
  );
  return fc.record({
    opening,
    frames: fc.array(frame, { minLength: 1, maxLength: 6 }),
    ending: fc.constantFrom('close' as const, 'terminate' as const),
  });
}
