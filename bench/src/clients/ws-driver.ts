import type { RunningTarget } from '../targets/start.ts';
import type { Driver, Sender, Subscription } from './driver.ts';
import { openSocket } from './socket.ts';

/** The bare `ws` baseline's JSON protocol (see servers/bare-ws.ts). */
export class WsDriver implements Driver {
  constructor(private readonly target: RunningTarget) {}

  async createRooms(prefix: string, count: number): Promise<string[]> {
    return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  }

  async subscribe(room: string, _conn: number, onFrame: (frame: string) => void): Promise<Subscription> {
    const socket = await openSocket(this.target.wsBase);
    await new Promise<void>((resolve) => {
      socket.once('message', () => resolve());
      socket.send(JSON.stringify({ t: 'join', room }));
    });
    socket.on('message', (data) => onFrame(String(data)));
    return { close: () => socket.close() };
  }

  async sender(room: string): Promise<Sender> {
    const socket = await openSocket(this.target.wsBase);
    return {
      send: (body, clientMsgId) => socket.send(JSON.stringify({ t: 'send', room, body, clientMsgId })),
      errors: 0,
      close: () => socket.close(),
    };
  }

  async close(): Promise<void> {}
}
