import { createServer, type Server } from 'node:http';

/** An HTTP server answering `GET /healthz` (the harness waits for it) and 404 otherwise. */
export const healthServer = (): Server =>
  createServer((req, res) => {
    if (req.url === '/healthz') res.writeHead(200).end('{"ok":true}');
    else res.writeHead(404).end();
  });

export const portFromEnv = (): number => Number(process.env.PORT ?? 3100);

/** Exits on SIGTERM/SIGINT (so --cpu-prof profiles get written). */
export function exitOnSignal(close: () => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      close();
      process.exit(0);
    });
  }
}
