/**
 * When a DriftWatch's outputs are written: one pass at a time, a pass after a debounce so a burst
 * of live changes yields one update, and a pass with a transient failure repeated with backoff
 * instead of waiting for the next event.
 */
import { backoffDelay } from '../model/index.js';
import type { Clock } from './clock.js';

export interface OutputPass {
  clock: Clock;
  debounceMs: number;
  /** Writes every output; false when a step failed and the pass should be repeated. */
  write(): Promise<boolean>;
  /** True while no pass is to be scheduled (a suspended DriftWatch). */
  paused(): boolean;
}

export class OutputPasses {
  private timer: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  private passes = 0;
  private failures = 0;
  private stopped = false;

  constructor(private readonly pass: OutputPass) {}

  /** A pass after the debounce, unless one is already due. */
  schedule(): void {
    if (this.timer || this.stopped || this.pass.paused()) return;
    this.after(this.pass.debounceMs);
  }

  /** A pass now, once the one running has finished. */
  async write(): Promise<void> {
    const previous = this.running;
    const run = (async () => {
      await previous;
      if (this.stopped) return;
      if (await this.pass.write()) this.failures = 0;
      else this.retry();
    })();
    this.running = run;
    this.passes++;
    try {
      await run;
    } finally {
      this.passes--;
    }
  }

  /** Drops the pass that is due, if any. */
  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** No pass starts after this; the one running, if any, is `lastPass`. */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  get lastPass(): Promise<void> | undefined {
    return this.running;
  }

  get writing(): boolean {
    return this.passes > 0;
  }

  /** Resolves once no pass is running; a pass waiting on its debounce timer is not waited for. */
  async settled(): Promise<void> {
    while (this.writing) await this.running;
  }

  private retry(): void {
    if (this.timer || this.stopped || this.pass.paused()) return;
    this.after(backoffDelay(this.failures++, { initialMs: this.pass.debounceMs, maxMs: 60_000, jitter: 0 }));
  }

  private after(ms: number): void {
    this.timer = this.pass.clock.setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, ms);
  }
}
