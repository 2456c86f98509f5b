import { afterEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { DriftWatchController } from '../../../src/controller/drift-watch-controller.js';
import type { PullRequestRun } from '../../../src/controller/runtime-deps.js';
import { createLogger } from '../../../src/controller/logger.js';
import { createMetrics } from '../../../src/controller/metrics.js';
import type { BaselinePort } from '../../../src/controller/ports.js';
import type { KubeObject } from '../../../src/model/kube-object.js';
import type { Baseline, Manifest } from '../../../src/model/manifest.js';
import { FakeClusterPort, RESOURCES } from '../../support/fake-cluster-port.js';
import { eventually } from '../../support/operator-wait.js';
import { ManualClock } from '../../support/manual-clock.js';
import { makeConfigMap, makeDeployment } from '../../support/realistic-objects.js';

const config = makeConfigMap(1, { namespace: 'shop' });
const deployment = makeDeployment(2, { namespace: 'shop' });

const baseline: Baseline = {
  repo: 'https://github.com/acme/infra.git',
  revision: 'c0ffee'.padEnd(40, '0'),
  paths: ['clusters/prod'],
  problems: [],
  inventory: { manifestFiles: 1, otherFiles: 0, excludedPaths: 0 },
  manifests: [config.git, deployment.git].map((object, document) => ({
    ref: { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name },
    object,
    source: { path: 'clusters/prod/app.yaml', document },
  })),
};

const watchObject = (spec: Record<string, unknown>, generation = 1): KubeObject => ({
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftWatch',
  metadata: { name: 'shop', namespace: 'ops', generation },
  spec: { source: { repo: baseline.repo, paths: ['clusters/prod'] }, interval: '5m', ...spec },
});

const policy: KubeObject = {
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftPolicy',
  metadata: { name: 'no-debug' },
  spec: { rules: [{ name: 'no-debug-logs', match: { kinds: ['ConfigMap'] }, expression: "changes.all(c, !c.path.startsWith('/data/'))", message: 'config data may not drift', severity: 'high' }] },
};

const running: DriftWatchController[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

function setup(options: { prs?: PullRequestRun[]; load?: (onManifests?: (manifests: readonly Manifest[]) => void) => Promise<Baseline>; trustedManagers?: string[] } = {}) {
  const cluster = new FakeClusterPort();
  const clock = new ManualClock();
  const loads: string[] = [];
  const sources: Parameters<BaselinePort['load']>[0][] = [];
  const baselines: BaselinePort = {
    load: async (source, onManifests) => (loads.push(source.repo), sources.push(source), options.load ? options.load(onManifests) : baseline),
  };
  const verdicts: Array<{ key: string; latencyMs: number }> = [];
  const controller = new DriftWatchController(
    {
      cluster,
      baselines,
      metrics: createMetrics(),
      log: createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) }),
      clock,
      trustedManagers: options.trustedManagers,
      onVerdict: (key, _result, latencyMs) => verdicts.push({ key, latencyMs }),
      ensurePullRequests: options.prs ? async (run) => (options.prs!.push(run), [{ number: 7, url: 'https://github.com/acme/infra/pull/7', branch: 'driftback/x', action: 'created' }]) : undefined,
    },
    { workers: 2, debounceMs: 2000, syncTimeoutMs: 1000 },
  );
  running.push(controller);
  cluster.put(RESOURCES.configMaps, config.live);
  cluster.put(RESOURCES.deployments, deployment.live);
  return { cluster, clock, controller, loads, sources, verdicts };
}

describe('DriftWatchController', () => {
  it('reconciles a new DriftWatch: watches the baseline kinds and writes a Ready status', async () => {
    const { cluster, controller, loads } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    expect(loads).toEqual([baseline.repo]);
    expect(controller.cache.watchedResources()).toEqual(['configmaps', 'deployments.apps']);
    const status = cluster.lastStatus('ops', 'shop')!;
    expect(status.revision).toBe(baseline.revision);
    expect(status.summary).toEqual({ objects: 2, inSync: 2, drifted: 0, missing: 0, compliant: 0, violating: 0, errors: 0 });
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Succeeded' })]);
    expect(controller.ready).toBe(true);
  });

  it('starts the watches of the kinds parsed while the rest of the baseline is read (issue 12)', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((done) => (release = done));
    const { cluster, controller } = setup({
      load: async (onManifests) => {
        onManifests?.(baseline.manifests.filter((m) => m.ref.kind === 'ConfigMap'));
        await blocked;
        return baseline;
      },
    });
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await eventually('the ConfigMap watch, started while the baseline is read', () => controller.cache.watchedResources().length > 0);
    expect(controller.cache.watchedResources()).toEqual(['configmaps']);
    release();
    await controller.idle();
    expect(controller.cache.watchedResources()).toEqual(['configmaps', 'deployments.apps']);
    expect(cluster.lastStatus('ops', 'shop')!.summary).toEqual(expect.objectContaining({ objects: 2, inSync: 2 }));
  });

  it('lets go of the watches it started early when the baseline then fails to load', async () => {
    const { cluster, controller } = setup({
      load: async (onManifests) => {
        onManifests?.(baseline.manifests);
        throw new Error('clone failed');
      },
    });
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    expect(controller.cache.watchedResources()).toEqual([]);
  });

  // Regression (issue 13): a watch event replaced the spec during a reconcile, and the status
  // reported the new observedGeneration for a baseline loaded under the old one.
  it('works on one snapshot of the spec per reconcile; an edit during one is taken by the next', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((done) => (release = done));
    let loading!: () => void;
    const firstLoad = new Promise<void>((done) => (loading = done));
    let first = true;
    const { cluster, controller, loads } = setup({
      load: async () => {
        if (first) {
          first = false;
          loading();
          await blocked;
        }
        return baseline;
      },
    });
    cluster.put(RESOURCES.driftWatches, watchObject({}, 1));
    await controller.start();
    await firstLoad;
    expect(loads).toHaveLength(1);

    // Watch events are delivered synchronously by the fake: the spec changes mid-reconcile.
    cluster.put(RESOURCES.driftWatches, watchObject({ source: { repo: 'https://github.com/acme/infra-next.git', paths: ['clusters/prod'] } }, 2));
    release();
    await controller.idle();

    const generations = cluster.statuses.filter((s) => s.name === 'shop').map((s) => s.status.observedGeneration);
    expect(generations[0]).toBe(1);
    expect(generations.at(-1)).toBe(2);
    expect(loads).toEqual([baseline.repo, 'https://github.com/acme/infra-next.git']);
  });

  it('reads the baseline with the per-file size limit of spec.source.maxFileSize', async () => {
    const { cluster, controller, sources } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({ source: { repo: baseline.repo, paths: ['clusters/prod'], maxFileSize: '8Mi' } }));
    await controller.start();
    await controller.idle();
    expect(sources).toEqual([expect.objectContaining({ repo: baseline.repo, maxFileBytes: 8 * 1024 * 1024 })]);
  });

  it('a custom resource whose CRD is in the baseline but not installed is Missing with that reason, not an Error', async () => {
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1', served: true, storage: true }] },
    };
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'gizmo' }, spec: { size: 3 } };
    const withCrd: Baseline = {
      ...baseline,
      manifests: [crd, widget].map((object, document) => ({
        ref: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name },
        object,
        source: { path: 'clusters/prod/widgets.yaml', document },
      })),
    };
    const { cluster, controller } = setup({ load: async () => withCrd });
    cluster.put(RESOURCES.driftWatches, watchObject({ namespace: 'shop' }));
    await controller.start();
    await controller.idle();
    expect(controller.runtime('ops', 'shop')!.result('example.com/Widget/shop/gizmo')).toMatchObject({
      status: 'Missing',
      reason: 'its CustomResourceDefinition widgets.example.com is in Git (clusters/prod/widgets.yaml#0) but not installed in the cluster yet',
    });
    // The fake cluster serves no CustomResourceDefinitions at all, so the CRD itself is the one error.
    expect(cluster.lastStatus('ops', 'shop')!.summary).toMatchObject({ objects: 2, missing: 1, errors: 1 });
  });

  it('a DriftWatch whose paths hold nothing to compare is not Ready, says what it found, and leaves pull requests alone', async () => {
    const prs: PullRequestRun[] = [];
    const empty: Baseline = { ...baseline, manifests: [], inventory: { manifestFiles: 0, otherFiles: 2, excludedPaths: 0 } };
    const { cluster, controller } = setup({ prs, load: async () => empty });
    cluster.put(RESOURCES.driftWatches, watchObject({ pullRequests: { enabled: true } }));
    await controller.start();
    await controller.idle();
    const status = cluster.lastStatus('ops', 'shop')!;
    expect(status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        reason: 'NothingToCompare',
        message: 'nothing was compared in clusters/prod: 2 files there, none of them .yaml, .yml or .json',
      }),
    );
    expect(prs).toEqual([]);
  });

  it('finds a hand edit on the live event, announces it once and writes status after the debounce', async () => {
    const { cluster, clock, controller, verdicts } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    const statusesBefore = cluster.statuses.length;

    const { live: edited, expected } = makeConfigMap(1, { namespace: 'shop', drift: true });
    cluster.put(RESOURCES.configMaps, edited);
    await controller.idle();
    const key = '/ConfigMap/shop/web-1-config';
    expect(expected).toHaveLength(1);
    expect(controller.runtime('ops', 'shop')!.result(key)).toMatchObject({ status: 'Drifted', changes: expected });
    expect(verdicts.map((v) => v.key)).toContain(key);
    expect(cluster.statuses.length).toBe(statusesBefore);

    cluster.put(RESOURCES.configMaps, { ...edited, metadata: { ...edited.metadata, resourceVersion: '999' } });
    clock.advance(2000);
    await controller.idle();
    expect(cluster.events).toEqual([expect.objectContaining({ reason: 'DriftDetected', type: 'Normal', regarding: expect.objectContaining({ name: 'web-1-config' }) })]);
    expect(cluster.events[0]!.message).toContain(expected[0]!.path);
    expect(cluster.events[0]!.message).not.toContain(`"${String(expected[0]!.live)}"`);
    expect((cluster.lastStatus('ops', 'shop')!.summary as { drifted: number }).drifted).toBe(1);

    clock.advance(2000);
    cluster.put(RESOURCES.configMaps, { ...edited, metadata: { ...edited.metadata, resourceVersion: '1000' } });
    clock.advance(2000);
    await controller.idle();
    expect(cluster.events).toHaveLength(1);
  });

  it('classifies with cluster DriftPolicies: violating drift is a Warning event and a PolicyReport', async () => {
    const { cluster, clock, controller } = setup();
    cluster.put(RESOURCES.driftPolicies, policy);
    cluster.put(RESOURCES.driftWatches, watchObject({ policies: ['no-debug'] }));
    await controller.start();
    await controller.idle();
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(2000);
    await controller.idle();
    expect(cluster.events).toEqual([expect.objectContaining({ reason: 'DriftViolation', type: 'Warning' })]);
    expect(cluster.events[0]!.message).toContain('no-debug/no-debug-logs (high)');
    const report = cluster.policyReports.at(-1) as unknown as { metadata: { namespace: string }; results: Array<{ rule: string; result: string }> };
    expect(report.metadata.namespace).toBe('shop');
    expect(report.results).toEqual([expect.objectContaining({ rule: 'no-debug-logs', result: 'fail' })]);
    expect(cluster.lastStatus('ops', 'shop')!.summary).toMatchObject({ drifted: 1, violating: 1, compliant: 0 });
  });

  it('writes no pull request while the baseline is partial (a Kustomize root that did not render)', async () => {
    const prs: PullRequestRun[] = [];
    const partial: Baseline = { ...baseline, problems: [{ severity: 'error', path: 'apps/overlays/eu', reason: 'cannot render: timed out after 60 s', message: 'apps/overlays/eu: cannot render: timed out after 60 s' }] };
    const { cluster, clock, controller } = setup({ prs, load: async () => partial });
    cluster.put(RESOURCES.driftWatches, watchObject({ pullRequests: { enabled: true } }));
    await controller.start();
    await controller.idle();
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(2000);
    await controller.idle();
    expect(cluster.events).toEqual([expect.objectContaining({ reason: 'DriftDetected' })]);
    expect(prs).toEqual([]);
    expect(cluster.lastStatus('ops', 'shop')!.conditions).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'False', message: 'apps/overlays/eu: cannot render: timed out after 60 s; the other objects were compared' }),
    );
  });

  it('stalls a DriftWatch that names a policy the cluster does not have', async () => {
    const { cluster, controller } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({ policies: ['missing'] }));
    await controller.start();
    await controller.idle();
    const conditions = cluster.lastStatus('ops', 'shop')!.conditions as Array<{ type: string; status: string; reason: string; message: string }>;
    expect(conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'False', reason: 'InvalidPolicy' }),
      expect.objectContaining({ type: 'Stalled', status: 'True', reason: 'InvalidPolicy', message: 'DriftPolicy missing: not found in the cluster' }),
    ]);
  });

  it('hands compliant drift to the pull-request stage with the Secret token and reports the PR', async () => {
    const prs: PullRequestRun[] = [];
    const { cluster, clock, controller } = setup({ prs });
    cluster.secrets.set('ops/github-token', { token: 'ghp_test' });
    cluster.put(RESOURCES.driftWatches, watchObject({ pullRequests: { enabled: true, github: { repository: 'acme/infra', secretRef: { name: 'github-token' } } } }));
    await controller.start();
    await controller.idle();
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(2000);
    await controller.idle();
    const last = prs.at(-1)!;
    expect(last.githubCredentials).toEqual({ token: 'ghp_test' });
    expect(last.results.filter((r) => r.status === 'Drifted').map((r) => r.object.name)).toEqual(['web-1-config']);
    expect(cluster.lastStatus('ops', 'shop')!.pullRequests).toEqual([{ number: 7, url: 'https://github.com/acme/infra/pull/7', branch: 'driftback/x' }]);
  });

  it('does not let a refused PolicyReport hold back the pull request, and repeats the failed pass', async () => {
    const prs: PullRequestRun[] = [];
    const { cluster, clock, controller } = setup({ prs });
    cluster.secrets.set('ops/github-token', { token: 'ghp_test' });
    cluster.put(RESOURCES.driftPolicies, policy);
    cluster.put(RESOURCES.driftWatches, watchObject({ policies: ['no-debug'], pullRequests: { enabled: true, github: { secretRef: { name: 'github-token' } } } }));
    await controller.start();
    await controller.idle();
    let refusals = 1;
    const apply = cluster.applyPolicyReport.bind(cluster);
    cluster.applyPolicyReport = async (namespace, report) => {
      if (refusals-- > 0) throw new Error('500 Internal Server Error');
      return apply(namespace, report);
    };
    const reportsBefore = cluster.policyReports.length;
    const runsBefore = prs.length;
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(2000);
    await controller.idle();
    expect(prs.length).toBe(runsBefore + 1);
    expect(cluster.policyReports.length).toBe(reportsBefore);
    clock.advance(2000);
    await controller.idle();
    expect(cluster.policyReports.length).toBe(reportsBefore + 1);
    expect(cluster.lastStatus('ops', 'shop')!.summary).toMatchObject({ violating: 1 });
  });

  it('judges nothing before the DriftPolicies are known, so unclassified drift is never handed on', async () => {
    const prs: PullRequestRun[] = [];
    const { cluster, clock, controller } = setup({ prs });
    cluster.deferredSync.add('driftpolicies');
    cluster.secrets.set('ops/github-token', { token: 'ghp_test' });
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    cluster.put(RESOURCES.driftWatches, watchObject({ pullRequests: { enabled: true, github: { secretRef: { name: 'github-token' } } } }));
    await controller.start();
    clock.advance(2000);
    await controller.idle();
    expect(cluster.statuses).toEqual([]);
    expect(prs).toEqual([]);
    expect(controller.ready).toBe(false);
    cluster.put(RESOURCES.driftPolicies, policy);
    cluster.sync(RESOURCES.driftPolicies);
    clock.advance(500);
    await controller.idle();
    expect(prs.at(-1)!.results.find((r) => r.status === 'Drifted')).toMatchObject({ verdict: 'violating' });
    expect(controller.ready).toBe(true);
  });

  it('a suspended DriftWatch lets go of its watches and writes nothing but its status', async () => {
    const { cluster, clock, controller } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    cluster.put(RESOURCES.driftWatches, watchObject({ suspend: true }, 2));
    await controller.idle();
    expect(controller.cache.watchedResources()).toEqual([]);
    const conditions = cluster.lastStatus('ops', 'shop')!.conditions as Array<{ type: string; reason: string }>;
    expect(conditions.map((c) => [c.type, c.reason])).toEqual([
      ['Ready', 'Suspended'],
      ['Stalled', 'Suspended'],
    ]);
    const writes = cluster.statuses.length;
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(5000);
    await controller.idle();
    expect(cluster.statuses.length).toBe(writes);
    expect(cluster.events).toEqual([]);
  });

  it('stops the old runtime when a valid DriftWatch is edited into an invalid one', async () => {
    const { cluster, clock, controller } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    expect(controller.runtime('ops', 'shop')).toBeDefined();
    cluster.put(RESOURCES.driftWatches, watchObject({ interval: 'soon' }, 2));
    await controller.idle();
    expect(controller.runtime('ops', 'shop')).toBeUndefined();
    expect(controller.cache.watchedResources()).toEqual([]);
    const conditions = cluster.lastStatus('ops', 'shop')!.conditions as Array<{ type: string; reason: string; lastTransitionTime: string }>;
    expect(conditions.map((c) => c.reason)).toEqual(['InvalidSpec', 'InvalidSpec']);
    // One time precision for every status write (seconds, as metav1.Time), and a condition that
    // does not change keeps its transition time.
    expect(conditions[0]!.lastTransitionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    clock.advance(60_000);
    cluster.put(RESOURCES.driftWatches, { ...watchObject({ interval: 'later' }, 3), status: { conditions } });
    await controller.idle();
    const again = cluster.lastStatus('ops', 'shop')!.conditions as Array<{ lastTransitionTime: string }>;
    expect(again.map((c) => c.lastTransitionTime)).toEqual(conditions.map((c) => c.lastTransitionTime));
  });

  it('writes nothing after stop, even when a failed output pass was due to be repeated', async () => {
    const { cluster, clock, controller } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({}));
    await controller.start();
    await controller.idle();
    cluster.recordEvent = async () => {
      throw new Error('500 Internal Server Error');
    };
    cluster.put(RESOURCES.configMaps, makeConfigMap(1, { namespace: 'shop', drift: true }).live);
    clock.advance(2000);
    await controller.idle();
    await controller.stop();
    running.splice(running.indexOf(controller), 1);
    const writes = cluster.statuses.length;
    clock.advance(120_000);
    await controller.idle();
    expect(cluster.statuses.length).toBe(writes);
    expect(clock.pending()).toBe(0);
  });

  it('applies an ignore rule only to the objects it names', async () => {
    const { cluster, controller } = setup();
    const { live, expected } = makeConfigMap(1, { namespace: 'shop', drift: true });
    cluster.put(RESOURCES.configMaps, live);
    cluster.put(RESOURCES.driftWatches, watchObject({ ignore: { fields: [{ kind: 'ConfigMap', name: 'other', pointers: [expected[0]!.path] }] } }));
    await controller.start();
    await controller.idle();
    expect(controller.runtime('ops', 'shop')!.result('/ConfigMap/shop/web-1-config')).toMatchObject({ status: 'Drifted' });
    cluster.put(RESOURCES.driftWatches, watchObject({ ignore: { fields: [{ kind: 'ConfigMap', name: 'web-1-config', pointers: [expected[0]!.path] }] } }, 2));
    await controller.idle();
    expect(controller.runtime('ops', 'shop')!.result('/ConfigMap/shop/web-1-config')).toMatchObject({ status: 'InSync' });
  });

  it('does not report writes by an operator-wide trusted manager, in addition to the DriftWatch own', async () => {
    const { live } = makeConfigMap(1, { namespace: 'shop', drift: true });
    const handEditor = live.metadata.managedFields!.at(-1)!.manager!;
    const { cluster, controller } = setup({ trustedManagers: [handEditor] });
    cluster.put(RESOURCES.configMaps, live);
    cluster.put(RESOURCES.driftWatches, watchObject({ ignore: { trustedManagers: ['cert-manager-cainjector'] } }));
    await controller.start();
    await controller.idle();
    expect(controller.runtime('ops', 'shop')!.result('/ConfigMap/shop/web-1-config')).toMatchObject({ status: 'InSync' });
  });

  it('holds no watch and writes nothing for a DriftWatch deleted while its baseline was loading', async () => {
    let release!: (b: Baseline) => void;
    let loading!: () => void;
    const loadStarted = new Promise<void>((done) => (loading = done));
    const { cluster, controller } = setup({
      load: () =>
        new Promise<Baseline>((resolve) => {
          release = resolve;
          loading();
        }),
    });
    const dw = watchObject({});
    cluster.put(RESOURCES.driftWatches, dw);
    await controller.start();
    await loadStarted;
    cluster.delete(RESOURCES.driftWatches, dw);
    release(baseline);
    await controller.idle();
    expect(controller.cache.watchedResources()).toEqual([]);
    expect(cluster.statuses).toEqual([]);
  });

  it('releases the shared watches when the last DriftWatch goes away', async () => {
    const { cluster, controller } = setup();
    const dw = watchObject({});
    cluster.put(RESOURCES.driftWatches, dw);
    await controller.start();
    await controller.idle();
    expect(controller.cache.watchedResources()).toHaveLength(2);
    cluster.delete(RESOURCES.driftWatches, dw);
    await controller.idle();
    expect(controller.cache.watchedResources()).toEqual([]);
    expect(cluster.activeWatches).toBe(2);
  });

  it('waits for a missing Secret instead of stalling, and says which one', async () => {
    const { cluster, controller } = setup();
    cluster.put(RESOURCES.driftWatches, watchObject({ source: { repo: baseline.repo, secretRef: { name: 'git-auth' } } }));
    await controller.start();
    await controller.idle();
    const conditions = cluster.lastStatus('ops', 'shop')!.conditions as Array<{ type: string; reason: string; message: string }>;
    expect(conditions.map((c) => c.type)).toEqual(['Ready', 'Reconciling']);
    expect(conditions[0]).toMatchObject({ reason: 'SecretNotFound', message: 'Secret ops/git-auth named by spec.source.secretRef does not exist' });
  });
});

describe('Operator', () => {
  it('keeps retrying the controller start while it leads, until the CRDs are there', async () => {
    const { Operator } = await import('../../../src/controller/operator.js');
    const cluster = new FakeClusterPort();
    const clock = new ManualClock();
    let discoveries = 0;
    const realDiscover = cluster.discover.bind(cluster);
    cluster.discover = async () => {
      discoveries++;
      if (discoveries < 3) throw new Error('the cluster does not serve driftback.dev/v1alpha1 DriftWatch');
      return realDiscover();
    };
    const operator = new Operator(
      {
        cluster,
        baselines: { load: async () => baseline },
        metrics: createMetrics(),
        log: createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) }),
        clock,
      },
      { leaseNamespace: 'ops', leaseName: 'lead', identity: 'a' },
    );
    await operator.start();
    await eventually('the first discovery', () => discoveries === 1);
    expect(operator.isLeader).toBe(true);
    expect(operator.activeController).toBeUndefined();
    clock.advance(2_000);
    await eventually('the second discovery', () => discoveries === 2);
    expect(operator.activeController).toBeUndefined();
    clock.advance(4_000);
    await eventually('the controller, after the third discovery', () => operator.activeController);
    expect(discoveries).toBe(3);
    await operator.stop();
    expect(cluster.leaseRecords.get('ops/lead')?.spec.holderIdentity).toBe('');
  });
});
