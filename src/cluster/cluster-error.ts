export const DISPOSITIONS = ['retry', 'wait', 'stall'] as const;
/**
 * What the caller should do about a failure: `retry` with backoff (transient), `wait` for
 * something else to change and poll again at the interval, `stall` until a person changes the
 * spec or the credentials.
 */
export type Disposition = (typeof DISPOSITIONS)[number];

/** A failure talking to the cluster, as one line naming what was attempted, the server and why. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  readonly disposition: Disposition;
  readonly status?: number;
  /** The network error code when there was no response (`ECONNREFUSED`, `TimeoutError`, ...). */
  readonly code?: string;

  constructor(message: string, options: { disposition: Disposition; status?: number; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.disposition = options.disposition;
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
  }
}
