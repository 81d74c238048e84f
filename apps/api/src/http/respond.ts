import type { ServerResponse } from 'node:http';

/** A JSON answer; errors are `{ error: "<what is wrong>" }` so every client gets a reason. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export const sendError = (res: ServerResponse, status: number, error: string, headers?: Record<string, string>) =>
  sendJson(res, status, { error }, headers);
