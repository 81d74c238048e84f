import type { Encoder } from '@trpc/server/adapters/ws';
import { frameHead, frameTail, WireProbe } from './direct-frames.ts';

/**
 * tRPC's WebSocket adapter encodes every message once per subscriber. A room event is the
 * same for all of them but for the envelope, so its frame tail is computed once and spliced in
 * (see direct-frames.ts); a probed payload also tells its subscription the head it was sent with.
 */
export function createEventEncoder(): Encoder {
  return {
    encode(message: unknown) {
      const tracked = trackedData(message);
      if (!tracked) return JSON.stringify(message);
      const { envelope, eventId } = tracked;
      const head = frameHead(envelope.id, envelope.jsonrpc);
      let payload = tracked.payload;
      if (payload instanceof WireProbe) {
        payload.wire.head = head;
        payload = payload.payload;
      }
      return head + frameTail(eventId, payload);
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
  if (Object.keys(result).some((k) => k !== 'type' && k !== 'id' && k !== 'data')) return null;
  return { envelope, eventId: result.id, payload: inner.data };
}
