/**
 * The operator compares with what the cluster says beyond the objects (issue 9): the CRD of a
 * custom resource, followed when its schema changes, and the HPAs that scale a workload, followed
 * as they come and go; and a DriftWatch's own Git managers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { parse } from 'yaml';
import { createResourceCatalog, type ResourceInfo } from '../../../src/cluster/index.js';
import { DriftWatchController } from '../../../src/controller/drift-watch-controller.js';
import { createLogger } from '../../../src/controller/logger.js';
import { createMetrics } from '../../../src/controller/metrics.js';
import { applySchemaDefaults, compileCrd } from '../../../src/diff/index.js';
import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';
import type { Baseline } from '../../../src/model/manifest.js';
import { ROUTE_CRD } from '../../realserver/platform-objects-corpus.js';
import { FakeClusterPort, RESOURCES } from '../../support/fake-cluster-port.js';
import { ManualClock } from '../../support/manual-clock.js';

const info = (group: string, version: string, kind: string, resource: string, namespaced = true): ResourceInfo => ({ group, version, kind, resource, namespaced, verbs: ['get', 'list', 'watch'] });
const CRDS = info('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false);
const HPAS = info('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers');
const ROUTES = info('gateway.example.com', 'v1', 'Route', 'routes');

/** The fake cluster, also serving CRDs, HPAs and routes. */
class FactsClusterPort extends FakeClusterPort {
  override async discover() {
    return createResourceCatalog([...Object.values(RESOURCES), CRDS, HPAS, ROUTES]);
  }
}

const crd = (generation: number, weight: number): KubeObject => {
  const object = parse(ROUTE_CRD.replace('weight: {type: integer, default: 1}', `weight: {type: integer, default: ${weight}}`)) as KubeObject;
  return { ...object, metadata: { ...object.metadata, uid: 'crd-1', generation } };
};
const applied = (manager: string, fieldsV1: object, operation = 'Apply', subresource?: string): ManagedFieldsEntry =>
  ({ manager, operation, apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1, ...(subresource ? { subresource } : {}) }) as ManagedFieldsEntry;

const gitRoute: KubeObject = { apiVersion: 'gateway.example.com/v1', kind: 'Route', metadata: { name: 'checkout', namespace: 'shop' }, spec: { rules: [{ backendRefs: [{ name: 'checkout', port: 8080 }] }] } };
const schema = compileCrd(crd(1, 1))[0]?.schema;
const liveRoute = {
  ...(applySchemaDefaults(gitRoute as never, schema) as unknown as KubeObject),
  metadata: { name: 'checkout', namespace: 'shop', uid: 'r', resourceVersion: '1', managedFields: [applied('kubectl', { 'f:spec': { 'f:rules': {} } })] },
} as KubeObject;
const gitApi: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: 2 } };
const liveApi: KubeObject = {
  ...gitApi,
  metadata: { ...gitApi.metadata, uid: 'd', resourceVersion: '1', managedFields: [applied('kubectl', { 'f:spec': { 'f:replicas': {} } }), applied('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }, 'Update', 'scale')] },
  spec: { replicas: 5 },
};
const hpa: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'shop', resourceVersion: '1' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 9 } };

const baseline: Baseline = {
  repo: 'https://github.com/acme/infra.git',
  revision: 'c0ffee'.padEnd(40, '0'),
  paths: [],
  problems: [],
  inventory: { manifestFiles: 1, otherFiles: 0, excludedPaths: 0 },
  manifests: [gitRoute, gitApi].map((object, document) => ({
    ref: { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name },
    object,
    source: { path: 'apps.yaml', document },
  })),
};

const running: DriftWatchController[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

describe('the operator follows the cluster facts its comparisons depend on', () => {
  it('CRD schema defaults and an HPA outside Git, as they change', async () => {
    const cluster = new FactsClusterPort();
    const controller = new DriftWatchController(
      { cluster, baselines: { load: async () => baseline }, metrics: createMetrics(), log: createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) }), clock: new ManualClock() },
      { workers: 1, debounceMs: 2000, syncTimeoutMs: 1000 },
    );
    running.push(controller);
    cluster.put(CRDS, crd(1, 1));
    cluster.put(HPAS, hpa);
    cluster.put(ROUTES, liveRoute);
    cluster.put(RESOURCES.deployments, liveApi);
    // Server-side apply writes as `kubectl`: the DriftWatch names it a Git manager.
    cluster.put(RESOURCES.driftWatches, { apiVersion: 'driftback.dev/v1alpha1', kind: 'DriftWatch', metadata: { name: 'shop', namespace: 'ops', generation: 1 }, spec: { source: { repo: baseline.repo }, interval: '5m', gitManagers: ['kubectl'] } });
    await controller.start();
    await controller.idle();
    const runtime = controller.runtime('ops', 'shop')!;
    const status = (key: string) => ({ status: runtime.result(key)?.status, changes: runtime.result(key)?.changes });
    const route = 'gateway.example.com/Route/shop/checkout';
    const api = 'apps/Deployment/shop/api';
    expect([status(route), status(api)]).toEqual([{ status: 'InSync', changes: [] }, { status: 'InSync', changes: [] }]);

    cluster.put(CRDS, { ...crd(2, 3), metadata: { ...crd(2, 3).metadata, resourceVersion: '2' } });
    await controller.idle();
    expect(status(route)).toEqual({ status: 'Drifted', changes: [{ op: 'add', path: '/spec/rules/0/backendRefs/0/weight', live: 1 }] });

    cluster.delete(HPAS, hpa);
    await controller.idle();
    expect(status(api)).toEqual({ status: 'Drifted', changes: [{ op: 'replace', path: '/spec/replicas', baseline: 2, live: 5 }] });

    cluster.put(HPAS, { ...hpa, metadata: { ...hpa.metadata, resourceVersion: '2' } });
    await controller.idle();
    expect(status(api)).toEqual({ status: 'InSync', changes: [] });

    // Its status, every 15 s: still the same target.
    cluster.put(HPAS, { ...hpa, metadata: { ...hpa.metadata, resourceVersion: '3' }, status: { currentReplicas: 5 } });
    await controller.idle();
    expect(status(api)).toEqual({ status: 'InSync', changes: [] });

    const retargeted = { ...hpa, metadata: { ...hpa.metadata, resourceVersion: '4' }, spec: { ...(hpa.spec as object), scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } } };
    cluster.put(HPAS, retargeted);
    await controller.idle();
    expect(status(api)).toEqual({ status: 'Drifted', changes: [{ op: 'replace', path: '/spec/replicas', baseline: 2, live: 5 }] });
  });
});
