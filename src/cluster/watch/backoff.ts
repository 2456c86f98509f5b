import { backoffDelay } from '../../model/index.js';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** In [0, 1); injectable for tests. */
  random?: () => number;
}

export interface Backoff {
  /** The next delay: doubling from initialMs up to maxMs, each drawn from [d/2, d) so restarts spread out. */
  next(): number;
  reset(): void;
}

export function createBackoff({ initialMs, maxMs, random = Math.random }: BackoffOptions): Backoff {
  let attempt = 0;
  return {
    next() {
      return backoffDelay(attempt++, { initialMs, maxMs, jitter: 0.5 }, random);
    },
    reset() {
      attempt = 0;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
