import { createLimiter } from './limit-concurrency.js';

/** Maps with at most `limit` calls in flight, keeping input order; rejects on the first failure. */
export function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const run = createLimiter(limit);
  return Promise.all(items.map((item) => run(() => fn(item))));
}
