import type { Page, WebSocketRoute } from 'playwright-core';

const FRAMES_KEPT = 80;
const FRAME_CHARS_SHOWN = 300;

/**
 * Puts the page's tRPC sockets under the test's control. An emulated-offline browser keeps
 * sockets that are already open, so a dropped connection has to be made here: `drop` closes
 * them and refuses new ones until `restore`. `holdSends` swallows message.send calls, as a
 * server that never answers would, to catch a message between "sent" and "confirmed".
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
  let holdingSends = false;
  let delayingHistory = false;
  const delayed: (() => void)[] = [];
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/trpc/, (ws) => {
    if (refusing) return void ws.close({ code: 4000, reason: 'test: connection refused' });
    const server = ws.connectToServer();
    note('socket opened');
    server.onClose((code, reason) => {
      note(`server closed ${code} ${reason}`);
      void ws.close({ code, reason });
    });
    ws.onMessage((frame) => {
      note(`> ${String(frame)}`);
      if (delayingHistory && typeof frame === 'string' && frame.includes('"message.history"')) return void delayed.push(() => server.send(frame));
      if (!holdingSends || typeof frame !== 'string' || !frame.includes('"message.send"')) return void server.send(frame);
      // tRPC batches the calls of one tick into an array: only the sends are held back.
      const calls: unknown[] = [JSON.parse(frame)].flat();
      const rest = calls.filter((call) => !JSON.stringify(call).includes('"message.send"'));
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
    holdSends(hold: boolean) {
      holdingSends = hold;
    },
    delayHistory(delay: boolean) {
      delayingHistory = delay;
      if (!delay) for (const send of delayed.splice(0)) send();
    },
  };
}
