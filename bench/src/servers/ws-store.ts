import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '@chat/api/storage/sqlite-store';
import { WebSocketServer, type WebSocket } from 'ws';
import { exitOnSignal, healthServer, portFromEnv } from './health.ts';

/**
 * Bare `ws` (bare-ws.ts, the same protocol) that stores every message through our own
 * SQLite store before broadcasting it: `ChatStore.sendMessage` as `message.send` calls it (the
 * room's sequence, the message row and its indexes, the event row, one commit per send unless
 * sends share a turn, the search index's batches, the checkpoint worker). The CPU it adds to
 * bare ws is what storing costs, so what our server costs beyond it is the rest of the server:
 * tRPC, sessions, access rules, the live path.
 */
type ClientFrame = { t: 'join'; room: string } | { t: 'send'; room: string; body: string; clientMsgId: string };

interface Room {
  id: Promise<string>;
  members: Set<WebSocket>;
}

const dataDir = process.env.DATA_DIR ?? 'data';
mkdirSync(dataDir, { recursive: true });
// This file is bundled into bench/dist/: the migrations are found from there, not from @chat/db's source.
const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../packages/db/migrations/sqlite');
const store = new SqliteStore(join(dataDir, 'chat.db'), {}, { migrationsFolder });
const rooms = new Map<string, Room>();
const http = healthServer();
const wss = new WebSocketServer({ server: http });
let nextClient = 1;

function room(name: string): Room {
  let found = rooms.get(name);
  if (!found) rooms.set(name, (found = { id: store.createRoom({ name, topic: '', kind: 'public', createdBy: null }), members: new Set() }));
  return found;
}

wss.on('connection', (socket) => {
  const clientId = nextClient++;
  // An account of its own on its first send: the message row names its author.
  let author: Promise<string> | null = null;
  const joined: Room[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ClientFrame;
    if (frame.t === 'join') {
      const target = room(frame.room);
      target.members.add(socket);
      joined.push(target);
      socket.send('{"t":"joined"}');
    } else if (frame.t === 'send') {
      author ??= store.createUser({ username: `user${clientId}`, displayName: `User ${clientId}`, passwordHash: '!' }).then((u) => u.id);
      void send(room(frame.room), author, frame.body, frame.clientMsgId);
    }
  });
  socket.on('close', () => {
    for (const r of joined) r.members.delete(socket);
  });
});

async function send(target: Room, author: Promise<string>, body: string, clientMsgId: string): Promise<void> {
  const { event } = await store.sendMessage({ roomId: await target.id, authorId: await author, body, clientMsgId, now: Date.now() });
  if (!event) return;
  const text = JSON.stringify({ t: 'event', id: String(event.seq), data: event.payload });
  for (const member of target.members) member.send(text);
}

http.listen(portFromEnv(), '127.0.0.1');
exitOnSignal(() => wss.close());
