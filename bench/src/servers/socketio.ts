import { Server } from 'socket.io';
import { RoomSequencer } from './event.ts';
import { exitOnSignal, healthServer, portFromEnv } from './health.ts';

/**
 * Socket.IO 4 rooms, websocket transport only: `join` (acknowledged) and `send`, broadcast to
 * the room with `io.to(room).emit` (Socket.IO encodes a broadcast packet once for all members).
 */
const sequencer = new RoomSequencer();
const http = healthServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });

let nextClient = 1;

io.on('connection', (socket) => {
  const clientId = String(nextClient++);
  socket.on('join', (room: string, ack?: () => void) => {
    void socket.join(room);
    ack?.();
  });
  socket.on('send', (msg: { room: string; body: string; clientMsgId: string }) => {
    const event = sequencer.event(msg.room, clientId, msg.body, msg.clientMsgId);
    io.to(msg.room).emit('event', String(event.message.seq), event);
  });
});

http.listen(portFromEnv(), '127.0.0.1');
exitOnSignal(() => void io.close());
