export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** The share of each delay drawn at random (0: none, 0.5: from [d/2, d]; `random` 0 gives the shortest), so retries spread out. */
  jitter: number;
}

/**
 * The one exponential backoff: the delay before retry number `attempt` (0 first), doubling from
 * `initialMs` up to `maxMs`, with `jitter` of it random. Used by the list-watch, the work queue
 * and the operator's output retries.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 32));
  return Math.round(ceiling * (1 - policy.jitter + policy.jitter * random()));
}
