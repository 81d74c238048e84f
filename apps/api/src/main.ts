import { loadConfig } from './config.ts';
import { startServer } from './http/server.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(`chat: ${(err as Error).message}`);
  process.exit(1);
}

const server = await startServer(config);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
