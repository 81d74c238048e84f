import type { App } from '../app.ts';
import { roomChannel } from '../fanout/fanout.ts';
import type { StoredEvent } from '../storage/store.ts';

/** Hands a stored event to every process's subscribers of its room. */
export async function publish(app: App, event: StoredEvent): Promise<void> {
  await app.fanout.publish(roomChannel(event.roomId), { kind: 'event', event });
}
