import type { IncomingMessage, ServerResponse } from 'node:http';
import { getErrorShape, TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Limits } from '../config.ts';
import type { contextFactory } from '../context.ts';
import { appRouter } from '../router.ts';

interface Options {
  createContext: ReturnType<typeof contextFactory>;
  limits: Pick<Limits, 'httpMaxBodyBytes' | 'httpMaxBatch'>;
  onError(opts: { error: TRPCError; path?: string }): void;
}

/**
 * tRPC over HTTP with bounded requests: a body over the limit is refused before a byte of it is
 * read when its Content-Length says so, and cut off at the limit when it is sent in chunks;
 * either way the connection is closed rather than drained. A batch of too many calls is a
 * BAD_REQUEST (tRPC's own check).
 */
export function trpcOverHttp({ createContext, limits, onError }: Options) {
  const handle = createHTTPHandler({
    router: appRouter,
    createContext,
    basePath: '/trpc/',
    onError,
    maxBodySize: limits.httpMaxBodyBytes,
    maxBatchSize: limits.httpMaxBatch,
    responseMeta: ({ errors }) => (errors.some((e) => e.code === 'PAYLOAD_TOO_LARGE') ? { headers: { connection: 'close' } } : {}),
  });
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (Number(req.headers['content-length'] ?? 0) > limits.httpMaxBodyBytes) return tooLarge(req, res, limits);
    void handle(req, res);
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse, limits: Options['limits']): void {
  const message = `the request body is larger than ${limits.httpMaxBodyBytes} bytes`;
  const error = new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message });
  const shape = getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
  // A batch call expects one answer per call.
  const [path = '', query = ''] = (req.url ?? '').split('?');
  const calls = new URLSearchParams(query).get('batch') === '1' ? Math.min(path.split(',').length, limits.httpMaxBatch) : 0;
  const body = calls > 0 ? Array.from({ length: calls }, () => ({ error: shape })) : { error: shape };
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
}
