/**
 * The WebSocket frame of one tracked subscription event, in tRPC's wire format
 * (`{"id":<subscription>[,"jsonrpc":…],"result":{"type":"data","id":<event>,"data":{"id":<event>,"data":<payload>}}}`),
 * split in two: the head names the subscription, the tail is the same for every subscriber of
 * the room. The tail is serialized once per event (cached by payload identity: the fan-out and
 * the replay reads hand every subscriber the same object), so a frame costs one concatenation.
 */
const tails = new WeakMap<object, { eventId: string; tail: string }>();

export function frameTail(eventId: string, payload: object): string {
  const cached = tails.get(payload);
  if (cached?.eventId === eventId) return cached.tail;
  const id = JSON.stringify(eventId);
  const tail = `,"result":{"type":"data","id":${id},"data":{"id":${id},"data":${JSON.stringify(payload)}}}}`;
  tails.set(payload, { eventId, tail });
  return tail;
}

export function frameHead(subscriptionId: string | number | null, jsonrpc: string | undefined): string {
  const version = jsonrpc === undefined ? '' : `,"jsonrpc":${JSON.stringify(jsonrpc)}`;
  return `{"id":${JSON.stringify(subscriptionId)}${version}`;
}
