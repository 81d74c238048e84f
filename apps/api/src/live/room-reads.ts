import type { ReadEvent } from '@chat/api-types';
import type { LiveServices } from './live-services.ts';
import { readsChannel } from '../fanout/fanout.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import { memberStates } from './member-states.ts';

/** Tells every "seen by" of the room, on every server process, that a member's read marker moved forward. */
export async function announceRead(app: LiveServices, roomId: string, userId: string, lastReadSeq: number): Promise<void> {
  await app.fanout.publish(readsChannel(roomId), { kind: 'read', roomId, userId, lastReadSeq });
}

/**
 * How far each member of a room has read, as it moves ("seen by"). Moves come from the room's
 * reads channel, not its main one, so that the many followers of a room do not hear them.
 */
export function roomReads(opts: { app: LiveServices; room: RoomSummary; session: SessionInfo; signal: AbortSignal | undefined }): AsyncGenerator<ReadEvent> {
  const { app, room } = opts;
  // Each member's marker as last sent. Two devices of one member may announce out of order; the
  // later, smaller one is dropped, since a marker never moves back.
  const sent = new Map<string, number>();
  return memberStates<ReadEvent>({
    ...opts,
    path: 'room.onReads',
    channel: readsChannel(room.id),
    snapshot: async () => {
      const readers = await app.store.readMarkers(room.id);
      sent.clear();
      for (const reader of readers) sent.set(reader.userId, reader.lastReadSeq);
      return { type: 'snapshot', readers };
    },
    change: (message) =>
      message.kind === 'read'
        ? async () => {
            const { userId, lastReadSeq } = message;
            const last = sent.get(userId);
            // Someone who joined since the snapshot is a member too.
            if (last === undefined && !(await app.store.isMember(room.id, userId))) return null;
            if (last !== undefined && last >= lastReadSeq) return null;
            sent.set(userId, lastReadSeq);
            return { type: 'read', userId, lastReadSeq };
          }
        : null,
  });
}
