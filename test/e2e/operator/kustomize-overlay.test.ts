import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/model/index.js';
import { FIXTURES, fixtureFiles, renderWithKubectl } from '../../support/kustomize-fixtures.js';
import { startReplica, type Replica } from '../../support/operator-replica.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, type OperatorWorld } from '../../support/operator-world.js';

type Status = { conditions?: Array<{ type: string; status: string }>; summary?: Record<string, number> };
const statusOf = (world: OperatorWorld): Status => (world.driftWatch()?.status ?? {}) as Status;

describe('operator: a DriftWatch whose path is a Kustomize overlay', () => {
  let world: OperatorWorld;
  let replica: Replica | undefined;

  beforeEach(async () => {
    const files = fixtureFiles('shop');
    world = await createOperatorWorld({
      repository: { files, applied: [renderWithKubectl(join(FIXTURES, 'shop'), 'apps/overlays/prod')], paths: ['apps/overlays/prod'] },
    });
  });
  afterEach(async () => {
    await replica?.stop();
    replica = undefined;
    await world.cleanup();
  });

  it('compares the rendered overlay and writes a hand edit back into the overlay, not the base', async () => {
    replica = await startReplica(world, 'replica-a');
    const synced = await eventually('Ready with the rendered objects in sync', () => {
      const status = statusOf(world);
      return status.conditions?.find((c) => c.type === 'Ready')?.status === 'True' && status.summary?.objects === 5 ? status : undefined;
    });
    expect(synced.summary).toMatchObject({ objects: 5, inSync: 5, drifted: 0 });

    const web: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    await world.kubectl.mergePatch(web, { spec: { replicas: 4 } }, 'kubectl-scale');
    const pull = await eventually('a pull request', () => world.github.pulls[0], 15_000);
    expect(world.repo.diff(pull.head)).toContain('apps/overlays/prod/kustomization.yaml');
    expect(world.repo.diff(pull.head)).not.toContain('apps/base/');
    expect(world.repo.show(pull.head, 'apps/overlays/prod/kustomization.yaml')).toContain('    count: 4\n');
    expect(pull.body).toContain('rendered by `apps/overlays/prod`');
  }, 40_000);
});
