import type { Message } from '@chat/api-types';
import { nextToSend, type OutboxEntry } from './outbox.ts';
import type { OutboxStore } from './outboxStore.ts';

/** What to do with a send that threw: wait for the next connection, try again shortly, or give up on it. */
export type SendFailure = 'when-connected' | 'soon' | 'never';

export interface SenderDeps {
  store: OutboxStore;
  isConnected(): boolean;
  send(entry: OutboxEntry): Promise<Message>;
  onSent(message: Message): void;
  classify(error: unknown): SendFailure;
  describe(error: unknown): string;
  /** How long to wait before "soon" (rate limited). */
  retryInMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains the outbox one message at a time, oldest first, whenever it is kicked (a new entry,
 * a new connection). One at a time keeps a room's order as written; the clientMsgId makes any
 * resend (after a lost answer, a reload, another tab) come back as the same message.
 */
export function createOutboxSender(deps: SenderDeps) {
  let running = false;
  let kickedWhileRunning = false;
  let stopped = false;

  async function drain(): Promise<void> {
    for (;;) {
      if (stopped || !deps.isConnected()) return;
      const entry = nextToSend(deps.store.get());
      if (!entry) return;
      deps.store.setStatus(entry.clientMsgId, 'sending');
      try {
        const message = await deps.send(entry);
        deps.onSent(message);
        deps.store.remove(entry.clientMsgId);
      } catch (error) {
        const failure = deps.classify(error);
        if (failure === 'never') {
          deps.store.setStatus(entry.clientMsgId, 'failed', deps.describe(error));
          continue;
        }
        deps.store.setStatus(entry.clientMsgId, 'queued');
        if (failure === 'when-connected') return;
        await sleep(deps.retryInMs);
      }
    }
  }

  return {
    kick() {
      if (running) {
        kickedWhileRunning = true;
        return;
      }
      running = true;
      kickedWhileRunning = false;
      void drain().then(() => {
        running = false;
        // A kick that came during the drain may have news it did not see (a connection, an entry).
        if (kickedWhileRunning) this.kick();
      });
    },
    stop() {
      stopped = true;
    },
  };
}
