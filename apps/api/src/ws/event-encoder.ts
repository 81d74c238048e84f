import type { Encoder } from '@trpc/server/adapters/ws';

/**
 * tRPC's WebSocket adapter encodes every message once per subscriber. A room event is the
 * same for all of them but for the envelope, so its payload's JSON is computed once (cached by
 * object identity; the fan-out hands every subscriber the same object) and spliced in.
 */
export function createEventEncoder(): Encoder {
  const cache = new WeakMap<object, string>();
  const payloadJson = (payload: object): string => {
    let json = cache.get(payload);
    if (json === undefined) {
      json = JSON.stringify(payload);
      cache.set(payload, json);
    }
    return json;
  };
  return {
    encode(message: unknown) {
      const tracked = trackedData(message);
      if (!tracked) return JSON.stringify(message);
      const { envelope, eventId, payload } = tracked;
      const id = JSON.stringify(envelope.id);
      const jsonrpc = envelope.jsonrpc === undefined ? '' : `,"jsonrpc":${JSON.stringify(envelope.jsonrpc)}`;
      const eid = JSON.stringify(eventId);
      return `{"id":${id}${jsonrpc},"result":{"type":"data","id":${eid},"data":{"id":${eid},"data":${payloadJson(payload)}}}}`;
    },
    decode(data) {
      if (typeof data !== 'string') throw new Error('expected a text frame');
      return JSON.parse(data);
    },
  };
}

interface Envelope {
  id: string | number | null;
  jsonrpc?: string;
  result: { type: 'data'; id: string; data: { id: string; data: object } };
}

function trackedData(message: unknown): { envelope: Envelope; eventId: string; payload: object } | null {
  if (typeof message !== 'object' || message === null || !('result' in message)) return null;
  const envelope = message as Envelope;
  const result = envelope.result;
  if (result?.type !== 'data' || typeof result.id !== 'string') return null;
  const inner = result.data;
  if (typeof inner !== 'object' || inner === null || typeof inner.data !== 'object' || inner.data === null) return null;
  if (Object.keys(envelope).some((k) => k !== 'id' && k !== 'jsonrpc' && k !== 'result')) return null;
  return { envelope, eventId: result.id, payload: inner.data };
}
