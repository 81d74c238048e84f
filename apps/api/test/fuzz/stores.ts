import { startTestServer, type TestServer } from '../harness.ts';
import { createTestDatabase, dropRedisKeys, redisPrefix, TEST_REDIS_URL } from '../services.ts';
import type { FuzzSettings } from './settings.ts';

export interface StoreUnderTest {
  /** Also the test names' prefix, so `-t <name>` picks one store (no regex characters in it). */
  name: string;
  start(settings: FuzzSettings): Promise<{ server: TestServer; stop(): Promise<void> }>;
}

/**
 * The storages the server runs on. Rate limits are off: they would answer TOO_MANY_REQUESTS
 * long before the fuzzer reached the code behind them.
 */
export const STORES: readonly StoreUnderTest[] = [
  {
    name: 'sqlite',
    async start({ logLevel }) {
      const server = await startTestServer({ rateLimit: false, logLevel });
      return { server, stop: () => server.close() };
    },
  },
  {
    name: 'postgres-redis',
    async start({ logLevel }) {
      const db = await createTestDatabase();
      const prefix = await redisPrefix();
      const cleanUp = async () => {
        await db.drop();
        await dropRedisKeys(prefix);
      };
      const server = await startTestServer({ rateLimit: false, logLevel, databaseUrl: db.url, redisUrl: TEST_REDIS_URL, redisPrefix: prefix }).catch(
        async (err: unknown) => {
          await cleanUp();
          throw err;
        },
      );
      return { server, stop: () => server.close().then(cleanUp) };
    },
  },
];
