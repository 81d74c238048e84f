import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.ts';
import { startTestServer, type TestServer } from './harness.ts';

const METRICS_TOKEN = 'metrics-token-of-some-length';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ allowedOrigins: ['https://chat.example.com'], metricsToken: METRICS_TOKEN });
});
afterAll(() => server.close());

/** The HTTP status the server answers a WebSocket upgrade with (101 when it opens). */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.wsUrl, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', reject);
  });
}

describe('browser defences', () => {
  test('every response tells the browser to run only our scripts, talk only to us, and never be framed', async () => {
    for (const path of ['/', '/healthz', '/trpc/auth.me', '/api/files/1']) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
    }
  });

  test('a forged Host header is not echoed into the policy', async () => {
    const csp = await new Promise<string>((resolve, reject) => {
      request(`${server.url}/healthz`, { headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      })
        .on('error', reject)
        .end();
    });
    expect(csp).not.toContain('evil.example');
    expect(csp).toMatch(/connect-src 'self'$/);
  });

  test("the WebSocket opens for the server's own pages, listed origins and programs without an Origin; other sites get 403", async () => {
    const own = `http://127.0.0.1:${server.port}`;
    expect(await upgradeStatus({ origin: own })).toBe(101);
    expect(await upgradeStatus({ origin: 'https://chat.example.com' })).toBe(101);
    expect(await upgradeStatus({})).toBe(101);
    expect(await upgradeStatus({ origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus({ origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus({ origin: 'null' })).toBe(403);
  });

  test('GET /metrics wants the METRICS_TOKEN when one is set', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('chat_open_websockets');
  });

  test('ALLOWED_ORIGINS and METRICS_TOKEN are checked at start-up', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, HTTP://B.example:8080' }).allowedOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'a.example' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
