import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Defence in depth: nothing that names a secret is ever written, whatever a caller logs.
    redact: {
      paths: ['token', '*.token', 'password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'connectionParams'],
      censor: '[redacted]',
    },
  });
}
