import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { E2E_TIMING, startReplica, type Replica } from '../../support/operator-replica.js';
import { expectOnePullRequest, scaleWebAndAwaitPullRequest, untilBranchHasReplicas, untilInSync } from '../../support/operator-steps.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, type OperatorWorld } from '../../support/operator-world.js';

const { leaseDurationMs, retryPeriodMs } = E2E_TIMING.leaderElection;
/** The failover bound (lease plus two retries): 19 s with the default timings, the 20 s target; waited for four times over, a busy machine is slow. */
const FAILOVER_BOUND_MS = leaseDurationMs + 2 * retryPeriodMs;

describe('operator end to end: two replicas, one leader', () => {
  let world: OperatorWorld;
  let replicas: Replica[];

  beforeEach(async () => {
    world = await createOperatorWorld();
    replicas = await Promise.all([startReplica(world, 'replica-a'), startReplica(world, 'replica-b')]);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await world.cleanup();
  });

  it('only the leader writes; when it dies without releasing the Lease, the other takes over once the lease has run out', async () => {
    // Step 1: exactly one leader, and only it writes status, events and pull requests.
    const leader = await eventually('a leader', () => replicas.find((r) => r.operator.isLeader));
    const follower = replicas.find((r) => r !== leader)!;
    await untilInSync(world);
    const pull = await scaleWebAndAwaitPullRequest(world, 5);
    await eventually('the DriftDetected event', () => leader.writes.some((w) => w === 'event DriftDetected web'));
    expect(follower.operator.isLeader).toBe(false);
    expect(follower.writes).toEqual([]);
    expect(leader.writes.filter((w) => w.startsWith('status '))).not.toEqual([]);
    expectOnePullRequest(world);

    // Step 2: the leader crashes: its line to the cluster is cut, the Lease is not released.
    // Safety holds on any machine: the follower takes the Lease only once the last renewal is a
    // full lease duration old. How soon after that it takes over depends on the machine's load, so
    // only that it does is asserted, with room to spare.
    await leader.sever();
    const leaseRef = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'driftback-system', name: 'driftback-leader' };
    const leaseSpec = () => (world.apiServer.store.get(leaseRef)?.spec ?? {}) as { renewTime?: string; acquireTime?: string };
    const lastRenewal = Date.parse(String(leaseSpec().renewTime));
    await eventually('the follower leading', () => follower.operator.isLeader, 4 * FAILOVER_BOUND_MS, 50);
    const lease = world.apiServer.store.get(leaseRef);
    expect(lease?.spec).toMatchObject({ holderIdentity: follower.identity, leaseTransitions: 1 });
    expect(Date.parse(String(leaseSpec().acquireTime)) - lastRenewal).toBeGreaterThanOrEqual(leaseDurationMs);
    await eventually('the cut-off replica giving up leadership', () => !leader.operator.isLeader, 10_000);

    // Step 3: the new leader picks up where the old one stopped: same pull request, updated.
    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 6 } }, 'kubectl-edit');
    await untilBranchHasReplicas(world, pull, 6, 20_000);
    await eventually('the new leader writing the status', () => follower.writes.some((w) => w.startsWith('status ')));
    expectOnePullRequest(world);
  });
});
