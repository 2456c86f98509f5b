import { describe, expect, it } from '@jest/globals';
import { LeaseConflictError } from '../../../src/cluster/index.js';
import { LeaderElector, type LeasePort, type LeaseRecord } from '../../../src/controller/leader-election.js';
import { ManualClock } from '../../support/manual-clock.js';

class MemoryLease implements LeasePort {
  spec: LeaseRecord | undefined;
  version = 0;
  failing = false;
  async get() {
    if (this.failing) throw new Error('connection refused');
    return this.spec ? { spec: { ...this.spec }, resourceVersion: String(this.version) } : undefined;
  }
  async create(spec: LeaseRecord) {
    if (this.spec) throw new LeaseConflictError('exists');
    this.spec = spec;
    this.version++;
  }
  async replace(spec: LeaseRecord, resourceVersion: string) {
    if (this.failing) throw new Error('connection refused');
    if (resourceVersion !== String(this.version)) throw new LeaseConflictError('stale');
    this.spec = spec;
    this.version++;
  }
}

const config = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A replica's view of the shared lease; `kill` makes it stop reaching the API, as a dead pod does. */
function reachable(lease: MemoryLease): LeasePort & { kill(): void } {
  let dead = false;
  const guard = () => {
    if (dead) throw new Error('process is gone');
  };
  return {
    kill: () => void (dead = true),
    get: async () => (guard(), lease.get()),
    create: async (spec) => (guard(), lease.create(spec)),
    replace: async (spec, version) => (guard(), lease.replace(spec, version)),
  };
}

/** A lease whose writes wait while `held` is set, until `land` lets them through: a slow API call. */
class SlowLease extends MemoryLease {
  held = false;
  private waiting: Array<() => void> = [];
  get pending(): number {
    return this.waiting.length;
  }
  land(): void {
    this.held = false;
    this.waiting.splice(0).forEach((resume) => resume());
  }
  override async create(spec: LeaseRecord) {
    if (this.held) await new Promise<void>((resume) => this.waiting.push(resume));
    return super.create(spec);
  }
  override async replace(spec: LeaseRecord, resourceVersion: string) {
    if (this.held) await new Promise<void>((resume) => this.waiting.push(resume));
    return super.replace(spec, resourceVersion);
  }
}

/** Stops the elector while its one write to the lease is held, then lets the write land. */
async function stopWhileWriting(lease: SlowLease, elector: LeaderElector): Promise<void> {
  await settle();
  expect(lease.pending).toBe(1);
  const stopping = elector.stop();
  await settle();
  lease.land();
  await stopping;
}

function candidate(lease: LeasePort, clock: ManualClock, identity: string) {
  const log: string[] = [];
  const elector = new LeaderElector(
    lease,
    { ...config, identity },
    { onStartedLeading: () => log.push('lead'), onStoppedLeading: () => log.push('follow') },
    clock,
  );
  return { elector, log };
}

async function advance(clock: ManualClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) {
    clock.advance(1000);
    await settle();
  }
}

describe('LeaderElector', () => {
  it('elects exactly one of two replicas', async () => {
    const clock = new ManualClock();
    const lease = new MemoryLease();
    const a = candidate(lease, clock, 'a');
    const b = candidate(lease, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await advance(clock, 10_000);
    expect(a.elector.isLeader).toBe(true);
    expect(b.elector.isLeader).toBe(false);
    expect(lease.spec?.holderIdentity).toBe('a');
  });

  it('fails over within 20 s when the leader dies', async () => {
    const clock = new ManualClock();
    const lease = new MemoryLease();
    const aView = reachable(lease);
    const a = candidate(aView, clock, 'a');
    const b = candidate(lease, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await advance(clock, 4_000);
    expect(a.elector.isLeader).toBe(true);
    aView.kill();
    let tookOver = -1;
    for (let s = 1; s <= 20 && tookOver < 0; s++) {
      await advance(clock, 1_000);
      if (b.elector.isLeader) tookOver = s;
    }
    expect(tookOver).toBeGreaterThan(0);
    expect(tookOver).toBeLessThanOrEqual(20);
    expect(lease.spec?.leaseTransitions).toBe(1);
  });

  it('hands over at once when the leader stops cleanly', async () => {
    const clock = new ManualClock();
    const lease = new MemoryLease();
    const a = candidate(lease, clock, 'a');
    const b = candidate(lease, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await advance(clock, 2_000);
    await a.elector.stop();
    expect(a.log).toEqual(['lead', 'follow']);
    await advance(clock, 4_000);
    expect(b.elector.isLeader).toBe(true);
  });

  it('releases the lease when stopped while a renewal is in flight', async () => {
    const clock = new ManualClock();
    const lease = new SlowLease();
    const a = candidate(lease, clock, 'a');
    a.elector.start();
    await settle();
    expect(a.elector.isLeader).toBe(true);
    lease.held = true;
    clock.advance(2_000);
    await stopWhileWriting(lease, a.elector);
    expect(lease.spec?.holderIdentity).toBe('');
    expect(a.log).toEqual(['lead', 'follow']);
  });

  it('releases the lease it was acquiring when stopped before it led', async () => {
    const clock = new ManualClock();
    const lease = new SlowLease();
    lease.held = true;
    const a = candidate(lease, clock, 'a');
    a.elector.start();
    await stopWhileWriting(lease, a.elector);
    expect(lease.spec?.holderIdentity).toBe('');
    expect(a.log).toEqual([]);
  });

  it('steps down when it cannot renew within the renew deadline', async () => {
    const clock = new ManualClock();
    const lease = new MemoryLease();
    const a = candidate(lease, clock, 'a');
    a.elector.start();
    await settle();
    expect(a.elector.isLeader).toBe(true);
    lease.failing = true;
    await advance(clock, 8_000);
    expect(a.elector.isLeader).toBe(true);
    await advance(clock, 4_000);
    expect(a.elector.isLeader).toBe(false);
    expect(a.log).toEqual(['lead', 'follow']);
  });
});
