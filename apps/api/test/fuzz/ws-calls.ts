import { TRPCClientError } from '@trpc/client';
import type { UntypedClient } from './callers.ts';
import type { Call } from './calls.ts';
import { CALL_DEADLINE_MS, within } from './deadline.ts';
import { outcomeOfShape, type Outcome } from './outcome.ts';

/** How long a started subscription is listened to for its first data or error. */
const LISTEN_MS = 50;

function outcomeOfError(err: unknown): Outcome {
  if (err instanceof TRPCClientError) return outcomeOfShape({ message: err.message, data: err.data as { code?: unknown; httpStatus?: unknown } });
  return { ok: false, code: undefined, message: String(err) };
}

/** Starts a subscription, waits briefly for data or an error, then unsubscribes. */
function subscribeBriefly(client: UntypedClient, path: string, input: unknown): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    let listening: NodeJS.Timeout | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(listening);
      clearTimeout(deadline);
      // Deferred: onError may come while `subscribe` has not returned yet.
      setImmediate(() => subscription.unsubscribe());
      resolve(outcome);
    };
    const deadline = setTimeout(() => finish({ ok: false, code: undefined, message: `${path}: neither started nor failed within ${CALL_DEADLINE_MS} ms` }), CALL_DEADLINE_MS);
    const subscription = client.subscription(path, input, {
      onStarted: () => {
        listening = setTimeout(() => finish({ ok: true }), LISTEN_MS);
      },
      onData: () => finish({ ok: true }),
      onError: (err) => finish(outcomeOfError(err)),
      onComplete: () => finish({ ok: true }),
    });
  });
}

/** One call over a real tRPC WebSocket client (wsLink), as the web app and the SDK make it. */
export async function callOverWs(client: UntypedClient, call: Call): Promise<Outcome> {
  if (call.type === 'subscription') return subscribeBriefly(client, call.path, call.input);
  const request = call.type === 'query' ? client.query(call.path, call.input) : client.mutation(call.path, call.input);
  try {
    await within(CALL_DEADLINE_MS, call.path, request);
    return { ok: true };
  } catch (err) {
    return outcomeOfError(err);
  }
}
