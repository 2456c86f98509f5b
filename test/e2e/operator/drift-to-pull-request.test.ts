import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import { startReplica, type Replica } from '../../support/operator-replica.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, GITHUB_TOKEN, SYSTEM_NAMESPACE, type OperatorWorld } from '../../support/operator-world.js';

type Status = {
  observedGeneration?: number;
  revision?: string;
  conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  summary?: Record<string, number>;
  pullRequests?: Array<{ number: number; url: string; branch: string; blocked?: string }>;
};

const statusOf = (world: OperatorWorld): Status => (world.driftWatch()?.status ?? {}) as Status;
const ready = (status: Status) => status.conditions?.find((c) => c.type === 'Ready');

describe('operator end to end: a hand edit becomes a pull request', () => {
  let world: OperatorWorld;
  let replica: Replica | undefined;

  beforeEach(async () => {
    world = await createOperatorWorld({ crdsBy: 'kubectl', policyReports: true });
  });
  afterEach(async () => {
    await replica?.stop();
    replica = undefined;
    await world.cleanup();
  });

  it('compliant drift -> PR, branch, status and a DriftDetected event; violating drift -> Warning event, PolicyReport, no PR', async () => {
    // Step 1: the operator starts against a cluster in sync with Git.
    const running = await startReplica(world, 'replica-a');
    replica = running;
    const synced = await eventually('the first status, in sync', () => {
      const status = statusOf(world);
      return ready(status)?.status === 'True' && status.summary?.objects === 3 ? status : undefined;
    });
    expect(synced.summary).toMatchObject({ objects: 3, inSync: 3, drifted: 0, missing: 0 });
    expect(synced.revision).toBe(world.repo.head('main'));
    expect(synced.observedGeneration).toBe(world.driftWatch()?.metadata.generation);
    expect(world.github.pulls).toEqual([]);

    // Step 2: someone scales web by hand (kubectl edit sends a merge patch as kubectl-edit).
    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 5 } }, 'kubectl-edit');
    const pull = await eventually('a pull request on the GitHub stand-in', () => world.github.pulls[0], 10_000);
    expect(pull).toMatchObject({ number: 1, state: 'open', base: 'main' });
    await eventually('the drift label on the pull request', () => pull.labels.includes('drift'));

    // Step 3: the branch in the bare repository carries the edit, comments kept.
    expect(world.repo.show(pull.head, 'clusters/prod/web.yaml')).toContain('replicas: 5 # baseline capacity');
    expect(world.repo.diff(pull.head)).not.toContain('clusters/prod/api.yaml');

    // Step 4: status and event say so.
    const drifted = await eventually('status with the pull request', () => {
      const status = statusOf(world);
      return status.pullRequests?.length ? status : undefined;
    });
    expect(ready(drifted)?.status).toBe('True');
    expect(drifted.summary).toMatchObject({ drifted: 1, compliant: 1, violating: 0 });
    expect(drifted.pullRequests).toEqual([{ number: 1, url: expect.stringContaining('/pull/1'), branch: pull.head }]);
    const detected = await eventually('a DriftDetected event on web', () => world.events('shop', 'DriftDetected').find((e) => involved(e).name === 'web'));
    expect(detected).toMatchObject({ type: 'Normal', source: { component: 'driftback' }, involvedObject: { kind: 'Deployment', namespace: 'shop', name: 'web' } });
    expect(String(detected.message)).toContain('/spec/replicas');

    // Step 5: a violating edit: an unpinned image on api (kubectl set image sends a strategic merge patch).
    await world.strategicPatch('Deployment', 'api', { spec: { template: { spec: { containers: [{ name: 'api', image: 'x:latest' }] } } } }, 'kubectl-set');
    const violation = await eventually('a DriftViolation event on api', () => world.events('shop', 'DriftViolation').find((e) => involved(e).name === 'api'));
    expect(violation.type).toBe('Warning');
    expect(String(violation.message)).toContain('hardening/unpinned-images');
    expect(String(violation.message)).toContain('by kubectl-set');
    // Outputs are written in order (events, PolicyReports, pull requests, status): once the status
    // follows the PolicyReport that lists api, the pull request step of that round is done too.
    const failing = () => (world.apiServer.store.list('wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'shop')[0]?.summary as { fail?: number } | undefined)?.fail;
    await eventually('a PolicyReport listing api, then the status after it', () => {
      const reportAt = running.writes.lastIndexOf('policyreport shop');
      return failing() === 1 && reportAt >= 0 && running.writes.slice(reportAt).some((w) => w.startsWith('status '));
    });
    expect(statusOf(world).summary).toMatchObject({ drifted: 2, compliant: 1, violating: 1 });
    expect(world.github.pulls).toHaveLength(1);
    expect(world.repo.show(pull.head, 'clusters/prod/api.yaml')).not.toContain('latest');

    // Step 6: the event is not repeated while the drift is unchanged, and no token leaked anywhere.
    expect(world.events('shop', 'DriftDetected').filter((e) => involved(e).name === 'web')).toHaveLength(1);
    const everything = JSON.stringify([running.logs, world.apiServer.store.list('v1', 'Event', 'shop'), world.driftWatch(), world.github.pulls]);
    expect(everything).not.toContain(GITHUB_TOKEN);
    expect(world.github.unexpected).toEqual([]);
    expect(world.events(SYSTEM_NAMESPACE)).toEqual([]);
  });

  it("a person's commit on the pull-request branch: driftback leaves it and says so in status", async () => {
    replica = await startReplica(world, 'replica-a');
    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 5 } }, 'kubectl-edit');
    const pull = await eventually('a pull request', () => world.github.pulls[0], 10_000);
    world.repo.pushAsPerson(pull.head, 'clusters/prod/web.yaml', world.repo.show(pull.head, 'clusters/prod/web.yaml').replace('replicas: 5', 'replicas: 4'));
    const personal = world.repo.head(pull.head);

    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 6 } }, 'kubectl-edit');
    const blocked = await eventually('the blocked pull request in status', () => statusOf(world).pullRequests?.find((pr) => 'blocked' in pr));
    expect(blocked).toMatchObject({ number: 1, branch: pull.head, blocked: expect.stringContaining('a person pushed to the branch') });
    expect(world.repo.head(pull.head)).toBe(personal);
  });

  it('a pull request held back by an exhausted GitHub rate limit is deferred: events still flow and status says until when', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    world.github.fail({
      method: 'POST',
      path: '/repos/acme/infra/pulls',
      status: 429,
      times: 100,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 42.' },
    });
    replica = await startReplica(world, 'replica-a');
    await world.kubectl.mergePatch(world.live('Deployment', 'web'), { spec: { replicas: 5 } }, 'kubectl-edit');

    const deferred = await eventually('the deferred pull request in status', () => {
      const condition = ready(statusOf(world));
      return condition?.status === 'False' && condition.message?.includes('deferred') ? condition : undefined;
    });
    expect(deferred).toMatchObject({ reason: 'PullRequestFailed', message: expect.stringContaining(`rate limited until ${new Date(reset * 1000).toISOString()}`) });
    expect(statusOf(world).summary).toMatchObject({ drifted: 1 });
    await eventually('the DriftDetected event regardless', () => world.events('shop', 'DriftDetected').find((e) => involved(e).name === 'web'));
    expect(world.github.pulls).toEqual([]);
  });
});

function involved(event: KubeObject): { kind?: string; name?: string } {
  return (event.involvedObject ?? {}) as { kind?: string; name?: string };
}
