import type { RunningTarget } from '../targets/start.ts';
import type { Driver, Sender, Subscription } from './driver.ts';
import { TrpcSocket } from './trpc-socket.ts';
import { UserPool } from './user-pool.ts';

/** Our server through its public contract: `room.join`, `message.onEvent`, `message.send`. */
export class OursDriver implements Driver {
  private constructor(
    private readonly target: RunningTarget,
    readonly pool: UserPool,
  ) {}

  static async create(target: RunningTarget, users: number): Promise<OursDriver> {
    return new OursDriver(target, await UserPool.register(target.httpBase, users));
  }

  /** The same accounts against a restarted server. */
  withTarget(target: RunningTarget): OursDriver {
    return new OursDriver(target, this.pool);
  }

  createRooms(prefix: string, count: number): Promise<string[]> {
    return this.pool.createRooms(prefix, count);
  }

  async subscribe(room: string, conn: number, onFrame: (frame: string) => void, lastEventId?: string): Promise<Subscription> {
    const user = this.pool.user(conn);
    await this.pool.join(user, room);
    const socket = await TrpcSocket.open(this.target.wsBase, user.token);
    await socket.subscribe('message.onEvent', { roomId: room }, onFrame, lastEventId);
    return socket;
  }

  async sender(room: string, conn: number): Promise<Sender> {
    const user = this.pool.user(conn);
    await this.pool.join(user, room);
    const socket = await TrpcSocket.open(this.target.wsBase, user.token);
    let errors = 0;
    return {
      send: (body, clientMsgId) => {
        socket.request('mutation', 'message.send', { roomId: room, body, clientMsgId }).catch(() => errors++);
      },
      get errors() {
        return errors;
      },
      close: () => socket.close(),
    };
  }

  async close(): Promise<void> {}
}
