import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(`chat: ${(err as Error).message}`);
  process.exit(1);
}

let server;
try {
  server = await startServer(config);
} catch (err) {
  // An unreachable DATABASE_URL or REDIS_URL, a taken port: one line, not a stack trace.
  console.error(`chat: ${(err as Error).message}`);
  process.exit(1);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
