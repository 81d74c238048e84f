import { expect, test } from 'vitest';
import { frameTail, SubscriptionWire } from './direct-frames.ts';
import { createEventEncoder } from './event-encoder.ts';

const envelope = (subscriptionId: number, payload: object) => ({
  id: subscriptionId,
  jsonrpc: '2.0',
  result: { type: 'data', id: '7', data: { id: '7', data: payload } },
});

test('a tracked event encodes to the same JSON as JSON.stringify', () => {
  const encoder = createEventEncoder();
  const payload = { type: 'created', message: { id: '1', body: 'quote " and \\ and \u2028', n: 1 } };
  for (const message of [envelope(3, payload), { ...envelope(4, payload), jsonrpc: undefined }]) {
    expect(JSON.parse(encoder.encode(message) as string)).toEqual(JSON.parse(JSON.stringify(message)));
  }
});

test('the payload shared by many subscribers is serialized once', () => {
  const encoder = createEventEncoder();
  let serialized = 0;
  const payload = { type: 'created', toJSON: () => (serialized++, { type: 'created' }) };
  const frames = [1, 2, 3].map((sub) => encoder.encode(envelope(sub, payload)));
  expect(serialized).toBe(1);
  expect(frames.map((f) => JSON.parse(f as string).id)).toEqual([1, 2, 3]);
});

test('anything else is plain JSON and decoding parses text frames', () => {
  const encoder = createEventEncoder();
  const other = { id: 1, result: { type: 'started' } };
  expect(encoder.encode(other)).toBe(JSON.stringify(other));
  expect(encoder.decode('{"a":1}')).toEqual({ a: 1 });
  expect(() => encoder.decode(new Uint8Array([1]))).toThrow();
});

test('a probed payload is written as the payload itself and hands its subscription the frame head', () => {
  const encoder = createEventEncoder();
  const payload = { type: 'created', message: { id: '9', body: 'hi' } };
  const wire = new SubscriptionWire();
  const viaTrpc = encoder.encode(envelope(5, wire.probe(payload))) as string;
  expect(viaTrpc).toBe(encoder.encode(envelope(5, payload)));
  expect(JSON.stringify(wire.probe(payload))).toBe(JSON.stringify(payload));
  // The frames written straight to the socket are the very frames tRPC would have written.
  const next = { type: 'created', message: { id: '10', body: 'again' } };
  expect(`${wire.head}${frameTail('7', next)}`).toBe(encoder.encode(envelope(5, next)));
});
