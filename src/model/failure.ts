export const DISPOSITIONS = ['retry', 'wait', 'stall'] as const;
/**
 * What the caller should do about a failure: `retry` with backoff (transient), `wait` for
 * something else to change and poll again at the interval, `stall` until a person changes the
 * spec or the credentials.
 */
export type Disposition = (typeof DISPOSITIONS)[number];

/** Where a failure entered the pipeline. */
export type FailureStage = 'baseline' | 'cluster' | 'policy' | 'spec' | 'secret' | 'codify';

/**
 * The one base of driftback's own failures, classified where they enter (the adapter that saw
 * the HTTP status or git's stderr): the operator maps them to conditions and requeues by these
 * fields, never by a class name or a message.
 */
export abstract class DriftbackError extends Error {
  abstract readonly stage: FailureStage;
  abstract readonly disposition: Disposition;
  /** CamelCase, for conditions, events and metrics (`ClusterError`, `InvalidSpec`, ...). */
  abstract readonly conditionReason: string;
}
