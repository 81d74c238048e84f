import type { Message, ReplyQuote } from '@chat/api-types';
import type { ConnectionStore } from '../connection/connectionStore.ts';
import type { Attachment } from '../files/attachment.ts';
import { errorCode, errorMessage, isConnectionError } from '../lib/errors.ts';
import { newClientMsgId } from './clientMsgId.ts';
import { sendInput, type SendInput } from './sendInput.ts';
import { createOutboxSender, type SendFailure } from './outboxSender.ts';
import { createOutboxStore, outboxKey, type OutboxStore } from './outboxStore.ts';

export interface OutboxService {
  store: OutboxStore;
  send(roomId: string, body: string, extras?: { attachments?: Attachment[]; replyTo?: ReplyQuote | null }): void;
  retry(clientMsgId: string): void;
  discard(clientMsgId: string): void;
  /** Starts sending (and following other tabs); returns the way to stop. */
  start(): () => void;
}

function classify(error: unknown): SendFailure {
  // A signed-out session keeps its outbox; the next sign-in of the same user sends it.
  if (isConnectionError(error) || errorCode(error) === 'UNAUTHORIZED') return 'when-connected';
  if (errorCode(error) === 'TOO_MANY_REQUESTS') return 'soon';
  return 'never';
}

/** One user's outbox, sent whenever the socket is connected, kept in localStorage meanwhile. */
export function createOutboxService(opts: {
  userId: string;
  connection: ConnectionStore;
  sendMessage(input: SendInput): Promise<Message>;
  onSent(message: Message): void;
}): OutboxService {
  const store = createOutboxStore(opts.userId, localStorage);
  let sender: ReturnType<typeof createOutboxSender> | null = null;

  return {
    store,
    send(roomId, body, { attachments = [], replyTo } = {}) {
      const files = attachments.length > 0 ? { attachments } : {};
      store.add({ clientMsgId: newClientMsgId(), roomId, body, ...files, ...(replyTo && { replyTo }), createdAt: Date.now() });
      sender?.kick();
    },
    retry(clientMsgId) {
      store.setStatus(clientMsgId, 'queued');
      sender?.kick();
    },
    discard: (clientMsgId) => store.remove(clientMsgId),
    start() {
      const running = createOutboxSender({
        store,
        isConnected: () => opts.connection.getSnapshot().status === 'connected',
        send: (entry) => opts.sendMessage(sendInput(entry)),
        onSent: opts.onSent,
        classify,
        describe: errorMessage,
        retryInMs: 2_000,
      });
      sender = running;
      const stopFollowingConnection = opts.connection.subscribe(() => running.kick());
      // Another tab of the same user wrote to the outbox (queued, sent or discarded something).
      const onStorage = (event: StorageEvent) => {
        if (event.key !== outboxKey(opts.userId)) return;
        store.reload();
        running.kick();
      };
      window.addEventListener('storage', onStorage);
      running.kick();
      return () => {
        running.stop();
        if (sender === running) sender = null;
        stopFollowingConnection();
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}
