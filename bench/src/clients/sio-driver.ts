import type WebSocket from 'ws';
import type { RunningTarget } from '../targets/start.ts';
import type { Driver, Sender, Subscription } from './driver.ts';
import { openSocket } from './socket.ts';

/**
 * Socket.IO 4 over its websocket transport, speaking Engine.IO v4 packets directly
 * (`0` open, `40` connect, `2`/`3` ping/pong, `42[…]` event, `43<n>[…]` ack) so that every
 * target's clients cost the harness about the same.
 */
async function connect(wsBase: string): Promise<WebSocket> {
  // The server speaks first (`0{sid…}`), possibly in the same read as the upgrade: listen before open.
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const socket = await openSocket(`${wsBase}/socket.io/?EIO=4&transport=websocket`, (s) =>
    s.on('message', (data) => {
      const frame = String(data);
      if (frame === '2') s.send('3');
      else if (frame.startsWith('0')) s.send('40');
      else if (frame.startsWith('40')) connected();
    }),
  );
  await ready;
  return socket;
}

export class SocketIoDriver implements Driver {
  constructor(private readonly target: RunningTarget) {}

  async createRooms(prefix: string, count: number): Promise<string[]> {
    return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  }

  async subscribe(room: string, _conn: number, onFrame: (frame: string) => void): Promise<Subscription> {
    const socket = await connect(this.target.wsBase);
    await new Promise<void>((resolve) => {
      const onAck = (data: unknown) => {
        if (String(data).startsWith('430')) {
          socket.off('message', onAck);
          resolve();
        }
      };
      socket.on('message', onAck);
      socket.send(`420${JSON.stringify(['join', room])}`);
    });
    socket.on('message', (data) => {
      const frame = String(data);
      if (frame.startsWith('42')) onFrame(frame);
    });
    return { close: () => socket.close() };
  }

  async sender(room: string): Promise<Sender> {
    const socket = await connect(this.target.wsBase);
    return {
      send: (body, clientMsgId) => socket.send(`42${JSON.stringify(['send', { room, body, clientMsgId }])}`),
      errors: 0,
      close: () => socket.close(),
    };
  }

  async close(): Promise<void> {}
}
