import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * GET /metrics: Prometheus text. With a METRICS_TOKEN it wants that token as a bearer (the figures
 * say how busy the server is and how many people are online); without one it is open, as the
 * contract has it, and the README says to block it at the proxy.
 */
export async function sendMetrics(registry: Registry, token: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    return void res
      .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' })
      .end('{"error":"GET /metrics needs the METRICS_TOKEN as a bearer token"}');
  }
  res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
}

/** Compared in constant time: the token must not leak a character at a time through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
