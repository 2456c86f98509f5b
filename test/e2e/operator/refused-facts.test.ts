import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startReplica, type Replica } from '../../support/operator-replica.js';
import { scaleWebAndAwaitPullRequest, untilInSync } from '../../support/operator-steps.js';
import { createOperatorWorld, type OperatorWorld } from '../../support/operator-world.js';

describe('operator end to end: a fact it may not read', () => {
  let world: OperatorWorld;
  let replica: Replica | undefined;

  beforeEach(async () => {
    // RBAC without HorizontalPodAutoscalers (a narrowed rbac.readerRules): the scan warns and goes on.
    world = await createOperatorWorld({
      forbid: ['list', 'watch'].map((verb) => ({ verb, group: 'autoscaling', resource: 'horizontalpodautoscalers' })),
    });
  });
  afterEach(async () => {
    await replica?.stop();
    replica = undefined;
    await world.cleanup();
  });

  it('compares without it, says once what is unknown, and still codifies drift', async () => {
    replica = await startReplica(world, 'replica-a');
    await untilInSync(world);
    const warnings = replica.logs.filter((line) => line.includes('horizontalpodautoscalers') && line.includes('read as drift'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, driftwatch: expect.stringMatching(/\//) });
    const pull = await scaleWebAndAwaitPullRequest(world, 4);
    expect(pull.state).toBe('open');
  });
});
