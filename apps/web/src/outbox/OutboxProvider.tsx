import { useEffect, useMemo, type ReactNode } from 'react';
import { useMe } from '../auth/meContext.ts';
import { useConnectionStore } from '../connection/connectionContext.ts';
import { useTimelines } from '../history/timelinesContext.ts';
import { trpc } from '../trpc.ts';
import { OutboxContext } from './outboxContext.ts';
import { createOutboxService } from './outboxService.ts';

/** The signed-in user's outbox, sending while this is mounted. */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const connection = useConnectionStore();
  const { client } = trpc.useUtils();
  const timelines = useTimelines();
  const service = useMemo(
    () =>
      createOutboxService({
        userId: me.id,
        connection,
        sendMessage: (input) => client.message.send.mutate(input),
        // The answer may beat its own event; merging by id makes the later one a no-op.
        onSent: (message) => timelines.applyAnswer({ type: 'created', message }),
      }),
    [me.id, connection, client, timelines],
  );
  useEffect(() => service.start(), [service]);

  return <OutboxContext value={service}>{children}</OutboxContext>;
}
