import { pino, type Logger } from 'pino';

export type { Logger };

// Tokens reach the operator through Secrets and env; these paths are where they could end up in
// a log record, so pino drops them before serialization.
const REDACT_PATHS = ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'privateKey', '*.privateKey'];

/** JSON lines on stdout (or the given stream), one record per event. */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', base: { app: 'driftback' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    options.destination ?? process.stdout,
  );
}

/** For work started without an awaiting caller: a failure is logged, never an unhandled rejection. */
export function logRejection(promise: Promise<unknown>, log: Logger, what: string): void {
  promise.catch((error: unknown) => log.warn({ err: error }, `${what} failed`));
}
