import type { Page, WebSocketRoute } from 'playwright-core';

/**
 * Puts the page's tRPC sockets under the test's control. An emulated-offline browser keeps
 * sockets that are already open, so a dropped connection has to be made here: `drop` closes
 * them and refuses new ones until `restore`. `holdSends` swallows message.send calls, as a
 * server that never answers would, to catch a message between "sent" and "confirmed".
 * `delayHistory` keeps history reads back until it is turned off, to look at the view between
 * a page being asked for and its landing.
 */
export async function controlSockets(page: Page) {
  let refusing = false;
  let holdingSends = false;
  let delayingHistory = false;
  const delayed: (() => void)[] = [];
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/trpc/, (ws) => {
    if (refusing) return void ws.close({ code: 4000, reason: 'test: connection refused' });
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      if (delayingHistory && typeof frame === 'string' && frame.includes('"message.history"')) return void delayed.push(() => server.send(frame));
      if (!holdingSends || typeof frame !== 'string' || !frame.includes('"message.send"')) return void server.send(frame);
      // tRPC batches the calls of one tick into an array: only the sends are held back.
      const calls: unknown[] = [JSON.parse(frame)].flat();
      const rest = calls.filter((call) => !JSON.stringify(call).includes('"message.send"'));
      if (rest.length > 0) server.send(JSON.stringify(rest.length === 1 ? rest[0] : rest));
    });
    server.onMessage((frame) => ws.send(frame));
    open.add(ws);
    ws.onClose(() => open.delete(ws));
  });
  return {
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
