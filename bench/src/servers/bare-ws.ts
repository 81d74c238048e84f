import { WebSocketServer, type WebSocket } from 'ws';
import { RoomSequencer } from './event.ts';
import { exitOnSignal, healthServer, portFromEnv } from './health.ts';

/**
 * The baseline: a minimal room broadcast server on `ws`. Each message is serialized once and
 * the same string is sent to every member of the room — the practical limit on Node.
 *
 * Protocol (JSON text frames): → {t:'join', room}  ← {t:'joined'}
 *                              → {t:'send', room, body, clientMsgId}  ⇒ members ← {t:'event', id, data}
 */
type ClientFrame = { t: 'join'; room: string } | { t: 'send'; room: string; body: string; clientMsgId: string };

const rooms = new Map<string, Set<WebSocket>>();
const sequencer = new RoomSequencer();
const http = healthServer();
const wss = new WebSocketServer({ server: http });
let nextClient = 1;

wss.on('connection', (socket) => {
  const clientId = String(nextClient++);
  const joined: Set<WebSocket>[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ClientFrame;
    if (frame.t === 'join') {
      let members = rooms.get(frame.room);
      if (!members) rooms.set(frame.room, (members = new Set()));
      members.add(socket);
      joined.push(members);
      socket.send('{"t":"joined"}');
    } else if (frame.t === 'send') {
      const event = sequencer.event(frame.room, clientId, frame.body, frame.clientMsgId);
      const text = JSON.stringify({ t: 'event', id: String(event.message.seq), data: event });
      for (const member of rooms.get(frame.room) ?? []) member.send(text);
    }
  });
  socket.on('close', () => {
    for (const members of joined) members.delete(socket);
  });
});

http.listen(portFromEnv(), '127.0.0.1');
exitOnSignal(() => wss.close());
