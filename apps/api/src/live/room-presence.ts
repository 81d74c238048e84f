import type { PresenceEvent } from '@chat/api-types';
import type { LiveServices } from './live-services.ts';
import { PRESENCE_CHANNEL } from '../fanout/fanout.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import { memberStates } from './member-states.ts';

/**
 * Who of a room's members is online, as it changes. Each announced change (presence.ts) is
 * checked against the presence store, which covers every process, so a user with a socket
 * left elsewhere stays online; only real changes are sent. A server process that was killed
 * announces nothing: its users go offline when its presence entry lapses, and the client's
 * periodic `room.members` query catches that.
 */
export function roomPresence(opts: { app: LiveServices; room: RoomSummary; session: SessionInfo; signal: AbortSignal | undefined }): AsyncGenerator<PresenceEvent> {
  const { app, room } = opts;
  const known = new Map<string, boolean>();
  return memberStates<PresenceEvent>({
    ...opts,
    path: 'room.onPresence',
    channel: PRESENCE_CHANNEL,
    snapshot: async () => {
      const members = (await app.store.listMembers(room.id)).map((m) => m.user.id);
      const online = await app.presence.onlineAmong(members);
      known.clear();
      for (const id of members) known.set(id, online.has(id));
      return { type: 'snapshot', online: [...online] };
    },
    change: (message) =>
      message.kind === 'presence'
        ? async () => {
            const { userId } = message;
            // Someone who joined since the snapshot is a member too.
            if (!known.has(userId) && !(await app.store.isMember(room.id, userId))) return null;
            const online = (await app.presence.onlineAmong([userId])).has(userId);
            if (known.get(userId) === online) return null;
            known.set(userId, online);
            return { type: 'change', userId, online };
          }
        : null,
  });
}
