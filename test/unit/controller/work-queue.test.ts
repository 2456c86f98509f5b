import { describe, expect, it } from '@jest/globals';
import { WorkQueue } from '../../../src/controller/work-queue.js';
import { ManualClock } from '../../support/manual-clock.js';

describe('WorkQueue', () => {
  it('collapses duplicate adds of a waiting key', async () => {
    const queue = new WorkQueue(new ManualClock());
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never hands a key to two workers at once, and re-queues it when it was added meanwhile', async () => {
    const queue = new WorkQueue(new ManualClock());
    queue.add('a');
    const first = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0);
    let second: string | undefined;
    void queue.get().then((key) => (second = key));
    await Promise.resolve();
    expect(second).toBeUndefined();
    queue.done(first!);
    await Promise.resolve();
    expect(second).toBe('a');
  });

  it('is idle once every key handed out is done, including one added again while in work; a delayed key does not count', async () => {
    const clock = new ManualClock();
    const q = new WorkQueue(clock);
    q.addAfter('later', 1000);
    q.add('a');
    const key = await q.get();
    let idle = false;
    const whenIdle = q.whenIdle().then(() => (idle = true));
    q.add('a');
    q.done(key!);
    await Promise.resolve();
    expect(idle).toBe(false);
    q.done((await q.get())!);
    await whenIdle;
    expect(idle).toBe(true);
    expect(q.busy).toBe(false);
  });

  it('hands a key straight to a waiting worker', async () => {
    const queue = new WorkQueue(new ManualClock());
    const waiting = queue.get();
    queue.add('x');
    expect(await waiting).toBe('x');
  });

  it('backs off exponentially with jitter per key and resets on forget', () => {
    const clock = new ManualClock();
    const queue = new WorkQueue(clock, { initialMs: 100, maxMs: 1000, jitter: 0.5 }, () => 0);
    expect(queue.addRateLimited('a')).toBe(50);
    expect(queue.addRateLimited('a')).toBe(100);
    expect(queue.addRateLimited('a')).toBe(200);
    expect(queue.retries('a')).toBe(3);
    for (let i = 0; i < 5; i++) queue.addRateLimited('a');
    expect(queue.addRateLimited('a')).toBe(500);
    queue.forget('a');
    expect(queue.addRateLimited('a')).toBe(50);
  });

  it('adds a delayed key only when its time comes, keeping the earliest', () => {
    const clock = new ManualClock();
    const queue = new WorkQueue(clock);
    queue.addAfter('a', 1000);
    queue.addAfter('a', 300);
    queue.addAfter('a', 2000);
    clock.advance(299);
    expect(queue.length).toBe(0);
    clock.advance(1);
    expect(queue.length).toBe(1);
    clock.advance(5000);
    expect(queue.length).toBe(1);
  });

  it('releases waiting workers and drops timers on shutdown', async () => {
    const clock = new ManualClock();
    const queue = new WorkQueue(clock);
    queue.addAfter('later', 100);
    const waiting = queue.get();
    queue.shutDown();
    expect(await waiting).toBeUndefined();
    expect(clock.pending()).toBe(0);
    queue.add('ignored');
    expect(queue.length).toBe(0);
  });
});
