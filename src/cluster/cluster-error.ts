import { DriftbackError, type Disposition } from '../model/index.js';

export { DISPOSITIONS, type Disposition } from '../model/index.js';

/** A failure talking to the cluster, as one line naming what was attempted, the server and why. */
export class ClusterError extends DriftbackError {
  override readonly name = 'ClusterError';
  readonly stage = 'cluster' as const;
  readonly conditionReason = 'ClusterError';
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
