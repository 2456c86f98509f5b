import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StandInPull } from '../../support/github-standin.js';
import { startReplica, type Replica } from '../../support/operator-replica.js';
import { expectOnePullRequest, scaleWebAndAwaitPullRequest, scaleWebUnseen, untilBranchHasReplicas, untilInSync } from '../../support/operator-steps.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, type OperatorWorld } from '../../support/operator-world.js';

/**
 * Steps on one operator: an open pull request for web scaled to 5, then, step after step, the
 * watches are broken in one way while web is scaled again where no open stream delivers it, and
 * the same pull request must be updated each time.
 */
describe('operator end to end: watches survive reality', () => {
  let world: OperatorWorld;
  let replica: Replica;
  let pull: StandInPull;

  beforeAll(async () => {
    world = await createOperatorWorld();
    replica = await startReplica(world, 'replica-a');
    await untilInSync(world);
    pull = await scaleWebAndAwaitPullRequest(world, 5);
  }, 60_000);
  afterAll(async () => {
    await replica.stop();
    await world.cleanup();
  });

  it('a dropped watch resumes from its resourceVersion and delivers the edit it missed', async () => {
    const before = await replica.restarts('closed');
    world.apiServer.faults.stallWatches();
    scaleWebUnseen(world, 6);
    world.apiServer.faults.closeWatches();
    await untilBranchHasReplicas(world, pull, 6);
    expect(await replica.restarts('closed')).toBeGreaterThan(before);
    expectOnePullRequest(world);
  });

  it('410 Gone after compaction: relists and finds the edit made meanwhile', async () => {
    const before = await replica.restarts('gone');
    world.apiServer.faults.stallWatches();
    scaleWebUnseen(world, 7);
    world.apiServer.faults.compact();
    world.apiServer.faults.closeWatches();
    await untilBranchHasReplicas(world, pull, 7);
    expect(await replica.restarts('gone')).toBeGreaterThan(before);
    expectOnePullRequest(world);
  });

  it('500s on re-watch and relist: backs off, relists and finds the edit', async () => {
    const before = await replica.restarts('failed');
    world.apiServer.faults.stallWatches();
    scaleWebUnseen(world, 8);
    world.apiServer.faults.failNext(6, 500);
    world.apiServer.faults.closeWatches();
    await untilBranchHasReplicas(world, pull, 8);
    expect(await replica.restarts('failed')).toBeGreaterThan(before);
    expectOnePullRequest(world);
  });

  it('a silent stall: the watch is abandoned after the stall timeout and the resource relisted', async () => {
    const before = await replica.restarts('stalled');
    world.apiServer.faults.stallWatches();
    scaleWebUnseen(world, 9);
    await untilBranchHasReplicas(world, pull, 9);
    expect(await replica.restarts('stalled')).toBeGreaterThan(before);
    expectOnePullRequest(world);
  });

  it('API server down (connection refused) and back: the edit made while it was down is found', async () => {
    const before = await replica.restarts('failed');
    await world.apiServer.stop();
    scaleWebUnseen(world, 10);
    await eventually('a failed re-watch (connection refused)', async () => (await replica.restarts('failed')) > before);
    await world.apiServer.restart();
    await untilBranchHasReplicas(world, pull, 10);
    expect(replica.operator.isLeader).toBe(true);
    expectOnePullRequest(world);
  });
});
