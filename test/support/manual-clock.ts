import type { Clock } from '../../src/controller/clock.js';

/** A clock that moves only when the test says so. */
export class ManualClock implements Clock {
  private current = 0;
  private timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number) {
    const timer = { at: this.current + ms, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.current = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.current = until;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
