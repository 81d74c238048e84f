import { roomChannel, type BusMessage, type FanOut } from '../fanout/fanout.ts';
import { KnownMembers } from './known-members.ts';

export interface RoomListener {
  onRoomMessage(message: BusMessage): void;
}

interface Channel {
  listeners: Set<RoomListener>;
  /** The fan-out subscription: active once settled. */
  subscribed: Promise<() => void>;
  active: boolean;
  members: KnownMembers;
}

/**
 * The live subscribers of each room in this process, behind one fan-out subscription per
 * room: a thousand people in a room cost a thousand set entries, not a thousand fan-out
 * listeners, and a message reaches each of them by one direct method call.
 */
export class RoomListeners {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly fanout: FanOut) {}

  /** Resolves once the listener gets everything published from then on. */
  async add(roomId: string, listener: RoomListener): Promise<void> {
    let channel = this.channels.get(roomId);
    if (!channel) {
      const listeners = new Set<RoomListener>();
      const members = new KnownMembers();
      // Listeners added while a message is handed out may get it too; they drop what they already have.
      const subscribed = this.fanout.subscribe(roomChannel(roomId), (message) => {
        members.onRoomMessage(message);
        for (const each of listeners) each.onRoomMessage(message);
      });
      const created: Channel = { listeners, subscribed, active: false, members };
      channel = created;
      this.channels.set(roomId, created);
      subscribed.then(
        () => (created.active = true),
        () => this.channels.get(roomId) === created && this.channels.delete(roomId),
      );
    }
    channel.listeners.add(listener);
    try {
      await channel.subscribed;
    } catch (err) {
      channel.listeners.delete(listener);
      throw err;
    }
  }

  /** Members known in a room followed here, its channel active (null otherwise: ask the database). */
  knownMembers(roomId: string): KnownMembers | null {
    const channel = this.channels.get(roomId);
    return channel?.active ? channel.members : null;
  }

  remove(roomId: string, listener: RoomListener): void {
    const channel = this.channels.get(roomId);
    if (!channel?.listeners.delete(listener) || channel.listeners.size > 0) return;
    this.channels.delete(roomId);
    channel.subscribed.then(
      (unsubscribe) => unsubscribe(),
      () => {},
    );
  }
}
