import type { PresenceEvent } from '@chat/api-types';
import type { LiveServices } from './live-services.ts';
import { PRESENCE_CHANNEL } from '../fanout/fanout.ts';
import { EventQueue } from './event-queue.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import { RoomWatch } from './room-watch.ts';

/**
 * Who of a room's members is online, as it changes. Each announced change (presence.ts) is
 * checked against the presence store, which covers every process, so a user with a socket
 * left elsewhere stays online; only real changes are sent. A server process that was killed
 * announces nothing: its users go offline when its presence entry lapses, and the client's
 * periodic `room.members` query catches that.
 */
export async function* roomPresence(opts: {
  app: LiveServices;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
}): AsyncGenerator<PresenceEvent> {
  const { app, room } = opts;
  const queue = new EventQueue<PresenceEvent>(opts.signal);
  const known = new Map<string, boolean>();
  // One check at a time, in the order announced, so that a later state is never overtaken.
  let checks = Promise.resolve();
  const check = (work: () => Promise<void>) => {
    checks = checks.then(work).catch((err: unknown) => queue.fail(err));
  };
  const snapshot = async () => {
    const members = (await app.store.listMembers(room.id)).map((m) => m.user.id);
    const online = await app.presence.onlineAmong(members);
    known.clear();
    for (const id of members) known.set(id, online.has(id));
    queue.push({ type: 'snapshot', online: [...online] });
  };
  const changed = async (userId: string) => {
    // Someone who joined since the snapshot is a member too.
    if (!known.has(userId) && !(await app.store.isMember(room.id, userId))) return;
    const online = (await app.presence.onlineAmong([userId])).has(userId);
    if (known.get(userId) === online) return;
    known.set(userId, online);
    queue.push({ type: 'change', userId, online });
  };
  // The room's channel carries nothing for this stream; watching it ends it when access is lost.
  const watch = new RoomWatch(app, room, opts.session, 'room.onPresence', {
    onRoomMessage: () => {},
    onAccessLost: (error) => queue.fail(error),
  });
  await watch.start();
  // Listening before the first snapshot: a change from then on is checked after it.
  const unsubscribe = await app.fanout.subscribe(PRESENCE_CHANNEL, (message) => {
    if (message.kind === 'presence') check(() => changed(message.userId));
    else if (message.kind === 'resync') check(snapshot);
  });
  check(snapshot);
  try {
    yield* queue;
  } finally {
    unsubscribe();
    watch.stop();
  }
}
