import type { Page, WebSocketRoute } from 'playwright-core';

const FRAMES_KEPT = 80;
const FRAME_CHARS_SHOWN = 300;

/**
 * Puts the page's tRPC sockets under the test's control. An emulated-offline browser keeps
 * sockets that are already open, so a dropped connection has to be made here: `drop` closes
 * them and refuses new ones until `restore`. `holdCalls` swallows the calls of one procedure, as
 * a server that never answers would (`holdSends`, message.send's, to catch a message between
 * "sent" and "confirmed"); dropping the socket then fails them, as a connection lost mid-call does.
 * `delayHistory` keeps history reads back until it is turned off, to look at the view between
 * a page being asked for and its landing. `recentFrames` is what went through lately, for a
 * failing test to show.
 */
export async function controlSockets(page: Page) {
  const frames: string[] = [];
  const note = (line: string) => {
    frames.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, FRAME_CHARS_SHOWN)}`);
    if (frames.length > FRAMES_KEPT) frames.shift();
  };
  let refusing = false;
  const held = new Set<string>();
  const holds = (text: string) => [...held].some((path) => text.includes(`"${path}"`));
  let delayingHistory = false;
  const delayed: (() => void)[] = [];
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/trpc/, (ws) => {
    if (refusing) {
      // Closed before it opens, the page's socket would end without the error every browser fires
      // for a failed handshake, and tRPC would wait for it forever. It opens instead, and is closed
      // at its first frame, as by a server that drops every connection at once.
      note('socket refused');
      return void ws.onMessage(() => void ws.close({ code: 4000, reason: 'test: connection refused' }));
    }
    const server = ws.connectToServer();
    note('socket opened');
    server.onClose((code, reason) => {
      note(`server closed ${code} ${reason}`);
      void ws.close({ code, reason });
    });
    ws.onMessage((frame) => {
      note(`> ${String(frame)}`);
      if (delayingHistory && typeof frame === 'string' && frame.includes('"message.history"')) return void delayed.push(() => server.send(frame));
      if (typeof frame !== 'string' || !holds(frame)) return void server.send(frame);
      // tRPC batches the calls of one tick into an array: only the held ones are kept back.
      const calls: unknown[] = [JSON.parse(frame)].flat();
      const rest = calls.filter((call) => !holds(JSON.stringify(call)));
      if (rest.length > 0) server.send(JSON.stringify(rest.length === 1 ? rest[0] : rest));
    });
    server.onMessage((frame) => {
      note(`< ${String(frame)}`);
      ws.send(frame);
    });
    open.add(ws);
    ws.onClose((code, reason) => {
      note(`page closed ${code} ${reason}`);
      open.delete(ws);
    });
  });
  function holdCalls(path: string, hold: boolean) {
    if (hold) held.add(path);
    else held.delete(path);
  }
  return {
    recentFrames: () => frames.join('\n'),
    async drop() {
      refusing = true;
      await Promise.all([...open].map((ws) => ws.close({ code: 4000, reason: 'test: connection dropped' })));
      open.clear();
    },
    restore() {
      refusing = false;
    },
    holdCalls,
    holdSends(hold: boolean) {
      holdCalls('message.send', hold);
    },
    delayHistory(delay: boolean) {
      delayingHistory = delay;
      if (!delay) for (const send of delayed.splice(0)) send();
    },
  };
}
