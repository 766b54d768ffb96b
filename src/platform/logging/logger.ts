import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach the logs. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

/** Structured JSON logs to standard output (or standard error for CLI commands that print results). */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination({ fd: destination, sync: false }));
}
