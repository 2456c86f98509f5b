import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startReplica, type Replica } from '../../support/operator-replica.js';
import { expectOnePullRequest, scaleWebAndAwaitPullRequest, untilBranchHasReplicas, untilInSync } from '../../support/operator-steps.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, type OperatorWorld } from '../../support/operator-world.js';

describe('operator end to end: restarts keep one pull request', () => {
  let world: OperatorWorld;
  const replicas: Replica[] = [];

  beforeEach(async () => {
    world = await createOperatorWorld();
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.stop()));
    await world.cleanup();
  });

  it('a new operator process finds the open pull request on GitHub and its branch, and adds what changed while none ran', async () => {
    // Step 1: the first operator opens the pull request, then stops (SIGTERM: the Lease is released).
    const first = await startReplica(world, 'operator-1');
    replicas.push(first);
    await untilInSync(world);
    const pull = await scaleWebAndAwaitPullRequest(world, 5);
    await first.stop();
    const lease = world.apiServer.store.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'driftback-system', name: 'driftback-leader' });
    expect(lease?.spec).toMatchObject({ holderIdentity: '' });

    // Step 2: with no operator running, someone scales web again.
    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 7 } }, 'kubectl-edit');

    // Step 3: a new operator (nothing in memory) takes over at once, since the first handed the
    // Lease back (step 1), and updates the same pull request.
    const second = await startReplica(world, 'operator-2');
    replicas.push(second);
    await eventually('operator-2 leading', () => second.operator.isLeader, 5_000);
    await untilBranchHasReplicas(world, pull, 7, 20_000);
    expect(world.repo.commitCount(pull.head)).toBe(1);
    expectOnePullRequest(world);
    await eventually('status listing the same pull request', () => {
      const status = world.driftWatch()?.status as { pullRequests?: Array<{ number: number }> } | undefined;
      return status?.pullRequests?.length === 1 && status.pullRequests[0]?.number === pull.number;
    });
  });

  it('a restart with nothing new changes nothing on GitHub or in Git', async () => {
    const first = await startReplica(world, 'operator-1');
    replicas.push(first);
    await untilInSync(world);
    const pull = await scaleWebAndAwaitPullRequest(world, 5);
    await eventually('the drift label', () => pull.labels.includes('drift'));
    await first.stop();
    const branchHead = world.repo.head(pull.head);
    const githubWrites = world.github.writes().length;
    const driftEvents = world.events('shop', 'DriftDetected').length;

    const second = await startReplica(world, 'operator-2');
    replicas.push(second);
    // The new leader's first full reconcile ends with a status write; after it, look at what it did.
    const writesBefore = second.writes.length;
    await eventually('the new leader wrote the status', () => second.writes.slice(writesBefore).some((w) => w.startsWith('status ')), 20_000);
    expect(world.repo.head(pull.head)).toBe(branchHead);
    expect(world.github.writes()).toHaveLength(githubWrites);
    expectOnePullRequest(world);
    // Events are announced again by a new process: it cannot know what the previous one said.
    expect(world.events('shop', 'DriftDetected').length).toBeLessThanOrEqual(driftEvents + 1);
  });
});
