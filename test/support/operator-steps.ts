import { expect } from '@jest/globals';
import type { StandInPull } from './github-standin.js';
import { eventually } from './operator-wait.js';
import type { OperatorWorld } from './operator-world.js';

export const WEB_FILE = 'clusters/prod/web.yaml';

/** The DriftWatch's Ready condition is True and the first compare is done. */
export async function untilInSync(world: OperatorWorld, deadlineMs = 15_000): Promise<void> {
  await eventually(
    'the DriftWatch in sync',
    () => {
      const status = (world.driftWatch()?.status ?? {}) as { conditions?: Array<{ type: string; status: string }>; summary?: { objects?: number } };
      return status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && status.summary?.objects === 3;
    },
    deadlineMs,
  );
}

/** web scaled by hand with kubectl edit, and the pull request that codifies it. */
export async function scaleWebAndAwaitPullRequest(world: OperatorWorld, replicas: number): Promise<StandInPull> {
  await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas } }, 'kubectl-edit');
  const pull = await eventually('the pull request', () => world.github.pulls[0], 15_000);
  await untilBranchHasReplicas(world, pull, replicas);
  return pull;
}

/** A hand edit written straight into the store: no watch sees it unless it recovers properly. */
export function scaleWebUnseen(world: OperatorWorld, replicas: number): void {
  const web = world.live('Deployment', 'web');
  world.apiServer.store.put({ ...web, spec: { ...(web.spec as object), replicas } }, { manager: 'kubectl-edit' });
}

export async function untilBranchHasReplicas(world: OperatorWorld, pull: StandInPull, replicas: number, deadlineMs = 15_000): Promise<void> {
  await eventually(
    `replicas: ${replicas} on ${pull.head}`,
    () => world.repo.head(pull.head) !== undefined && world.repo.show(pull.head, WEB_FILE).includes(`replicas: ${replicas} `),
    deadlineMs,
    100,
  );
}

/** One pull request, created once: nothing duplicated it, and no unexpected GitHub call was made. */
export function expectOnePullRequest(world: OperatorWorld): void {
  expect(world.github.pulls).toHaveLength(1);
  expect(world.github.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/infra/pulls')).toHaveLength(1);
  expect(world.github.unexpected).toEqual([]);
}
