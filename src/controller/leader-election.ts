import { LeaseConflictError, type LeasePort, type LeaseRecord } from '../cluster/index.js';
import { systemClock, type Clock } from './clock.js';

export type { LeasePort, LeaseRecord };

export interface LeaderElectionConfig {
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** 15 s lease, renewed every 2 s: a dead leader is replaced within about 17 s, under the 20 s target. */
export const DEFAULT_LEADER_ELECTION = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/**
 * Leader election as client-go does it: expiry is judged by when this replica last saw the
 * record change (its own clock), never by the timestamps another replica wrote, so clock skew
 * between nodes cannot make two leaders.
 */
export class LeaderElector {
  private observed: { record: string; at: number } | undefined;
  private leading = false;
  private lastRenew = 0;
  private timer: { cancel(): void } | undefined;
  private stopped = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly lease: LeasePort,
    private readonly config: LeaderElectionConfig,
    private readonly callbacks: { onStartedLeading(): void; onStoppedLeading(): void; onError?(error: unknown): void },
    private readonly clock: Clock = systemClock,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.schedule();
  }

  /**
   * Stops campaigning and gives the lease up so another replica takes over at once. It waits for
   * a renewal already in flight first: released under it, the renewal would conflict with the
   * release (or overwrite it) and the lease would stay held until it expired.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.inFlight;
    if (this.leading) this.setLeading(false);
    const current = await this.lease.get().catch(() => undefined);
    if (current?.spec.holderIdentity !== this.config.identity) return;
    const released = { ...current.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: this.timestamp() };
    await this.lease.replace(released, current.resourceVersion).catch((error) => this.callbacks.onError?.(error));
  }

  private schedule(): void {
    this.inFlight = this.tick();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const acquired = await this.tryAcquireOrRenew();
      if (acquired) this.lastRenew = this.clock.now();
      if (this.stopped) return;
      if (acquired && !this.leading) this.setLeading(true);
      if (!acquired && this.leading && this.clock.now() - this.lastRenew >= this.config.renewDeadlineMs) this.setLeading(false);
    } catch (error) {
      this.callbacks.onError?.(error);
      if (this.leading && this.clock.now() - this.lastRenew >= this.config.renewDeadlineMs) this.setLeading(false);
    }
    if (!this.stopped) this.timer = this.clock.setTimeout(() => this.schedule(), this.config.retryPeriodMs);
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.timestamp();
    const mine: LeaseRecord = {
      holderIdentity: this.config.identity,
      leaseDurationSeconds: Math.ceil(this.config.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    const current = await this.lease.get();
    if (!current) {
      await this.lease.create(mine);
      return true;
    }
    const record = JSON.stringify(current.spec);
    if (this.observed?.record !== record) this.observed = { record, at: this.clock.now() };
    const holder = current.spec.holderIdentity ?? '';
    const durationMs = (current.spec.leaseDurationSeconds ?? 0) * 1000;
    const expired = this.clock.now() - this.observed.at >= durationMs;
    if (holder !== '' && holder !== this.config.identity && !expired) return false;

    const transitions = (current.spec.leaseTransitions ?? 0) + (holder === this.config.identity ? 0 : 1);
    const acquireTime = holder === this.config.identity ? current.spec.acquireTime : now;
    try {
      await this.lease.replace({ ...mine, acquireTime, leaseTransitions: transitions }, current.resourceVersion);
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    if (leading) this.callbacks.onStartedLeading();
    else this.callbacks.onStoppedLeading();
  }

  private timestamp(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof LeaseConflictError;
}
