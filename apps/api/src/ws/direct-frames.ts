/**
 * The WebSocket frame of one tracked subscription event, exactly as tRPC's adapter writes it
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

/**
 * The head of one running subscription's frames. Only tRPC's adapter knows the subscription
 * id, so it is learnt from the first event tRPC writes for it: the generator yields its
 * payload wrapped by `probe`, and the encoder (event-encoder.ts) records the head it wrote.
 * From then on the generator may write that subscription's events itself.
 */
export class SubscriptionWire {
  head: string | null = null;

  /**
   * The payload, marked for the encoder. Typed as the payload itself because it serializes to
   * exactly the same JSON (`toJSON`), with our encoder or any other.
   */
  probe<T extends object>(payload: T): T {
    return new WireProbe(payload, this) as unknown as T;
  }
}

export class WireProbe {
  constructor(
    readonly payload: object,
    readonly wire: SubscriptionWire,
  ) {}

  toJSON(): object {
    return this.payload;
  }
}
