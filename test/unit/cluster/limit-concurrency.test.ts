import { describe, expect, it } from '@jest/globals';
import { createLimiter } from '../../../src/cluster/limit-concurrency.js';

const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('createLimiter', () => {
  it('never has more than the limit in flight, and starts waiting tasks in order of arrival', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) =>
      limit(async () => {
        started.push(n);
        peak = Math.max(peak, ++running);
        await turns(1 + (n % 3));
        running--;
        return n;
      });
    const first = [0, 1, 2, 3].map(task);
    await turns(2);
    // Arriving while slots are handed from finished tasks to waiting ones, these still queue behind them.
    const later = [4, 5].map(task);
    expect(await Promise.all([...first, ...later])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(() => Promise.resolve('next'))).toBe('next');
  });
});
