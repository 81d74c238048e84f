import type { Page, WebSocketRoute } from 'playwright-core';

/**
 * Puts the page's tRPC sockets under the test's control. An emulated-offline browser keeps
 * sockets that are already open, so a dropped connection has to be made here: `drop` closes
 * them and refuses new ones until `restore`.
 */
export async function controlSockets(page: Page) {
  let refusing = false;
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/trpc/, (ws) => {
    if (refusing) return void ws.close({ code: 4000, reason: 'test: connection refused' });
    ws.connectToServer();
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
  };
}
