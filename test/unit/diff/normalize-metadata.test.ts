import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import type { KubeObject } from '../../../src/model/index.js';

function object(kind: string, apiVersion: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'shop' }, ...extra };
}

function withMetadataMap(obj: KubeObject, map: 'labels' | 'annotations', key: string, value: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, [map]: { [key]: value } } };
}

const bookkeepingKeys: [string, string, 'labels' | 'annotations', string][] = [
  ['Deployment', 'apps/v1', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration'],
  ['Deployment', 'apps/v1', 'annotations', 'deployment.kubernetes.io/revision'],
  ['Endpoints', 'v1', 'annotations', 'endpoints.kubernetes.io/last-change-trigger-time'],
  ['Endpoints', 'v1', 'annotations', 'control-plane.alpha.kubernetes.io/leader'],
  ['PersistentVolumeClaim', 'v1', 'annotations', 'pv.kubernetes.io/bind-completed'],
  ['PersistentVolumeClaim', 'v1', 'annotations', 'pv.kubernetes.io/bound-by-controller'],
  ['PersistentVolumeClaim', 'v1', 'annotations', 'volume.beta.kubernetes.io/storage-provisioner'],
  ['PersistentVolumeClaim', 'v1', 'annotations', 'volume.kubernetes.io/storage-provisioner'],
  ['PersistentVolumeClaim', 'v1', 'annotations', 'volume.kubernetes.io/selected-node'],
  ['HorizontalPodAutoscaler', 'autoscaling/v1', 'annotations', 'autoscaling.alpha.kubernetes.io/conditions'],
  ['Job', 'batch/v1', 'annotations', 'batch.kubernetes.io/job-tracking'],
  ['DaemonSet', 'apps/v1', 'annotations', 'deprecated.daemonset.template.generation'],
  ['Secret', 'v1', 'annotations', 'kubernetes.io/service-account.uid'],
  ['Namespace', 'v1', 'labels', 'kubernetes.io/metadata.name'],
  ['ReplicaSet', 'apps/v1', 'labels', 'pod-template-hash'],
  ['ControllerRevision', 'apps/v1', 'labels', 'controller-revision-hash'],
  ['Pod', 'v1', 'labels', 'statefulset.kubernetes.io/pod-name'],
  ['Job', 'batch/v1', 'labels', 'batch.kubernetes.io/controller-uid'],
  ['Job', 'batch/v1', 'labels', 'batch.kubernetes.io/job-name'],
  ['Job', 'batch/v1', 'labels', 'controller-uid'],
  ['Job', 'batch/v1', 'labels', 'job-name'],
];

describe('bookkeeping labels and annotations', () => {
  it.each(bookkeepingKeys)('%s %s %s is not drift', (kind, apiVersion, map, key) => {
    const git = object(kind, apiVersion);
    const live = withMetadataMap(git, map, key, 'server-value');
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed).toContainEqual(
      expect.objectContaining({ path: `/metadata/${map}/${key.replace(/\//g, '~1')}`, reason: 'server-bookkeeping' }),
    );
  });

  it('suppresses a bookkeeping annotation whose value differs from what Git carries', () => {
    const git = withMetadataMap(object('Deployment', 'apps/v1'), 'annotations', 'deployment.kubernetes.io/revision', '1');
    const live = withMetadataMap(git, 'annotations', 'deployment.kubernetes.io/revision', '7');
    expect(compareObjects(live, git).changes).toEqual([]);
  });

  it('ignores a last-applied-configuration that only Git carries', () => {
    const git = withMetadataMap(object('ConfigMap', 'v1'), 'annotations', 'kubectl.kubernetes.io/last-applied-configuration', '{}');
    expect(compareObjects(object('ConfigMap', 'v1'), git).changes).toEqual([]);
  });

  it("suppresses the Job controller's labels on the pod template", () => {
    const template = (labels: Record<string, string>) => ({ spec: { template: { metadata: { labels } } } });
    const git = object('Job', 'batch/v1', template({ app: 'batch' }));
    const live = object('Job', 'batch/v1', template({ app: 'batch', 'controller-uid': 'u1', 'job-name': 'x' }));
    expect(compareObjects(live, git).changes).toEqual([]);
  });

  const personKeys: [string, string, 'labels' | 'annotations', string, string][] = [
    ['Deployment', 'apps/v1', 'labels', 'team', '/metadata/labels/team'],
    ['Deployment', 'apps/v1', 'annotations', 'owner', '/metadata/annotations/owner'],
    ['ConfigMap', 'v1', 'labels', 'kubernetes.io/metadata.name', '/metadata/labels/kubernetes.io~1metadata.name'],
    ['Deployment', 'apps/v1', 'labels', 'job-name', '/metadata/labels/job-name'],
    [
      'PersistentVolumeClaim',
      'v1',
      'annotations',
      'volume.beta.kubernetes.io/storage-class',
      '/metadata/annotations/volume.beta.kubernetes.io~1storage-class',
    ],
  ];
  it.each(personKeys)('%s %s %s is drift', (kind, apiVersion, map, key, path) => {
    const git = object(kind, apiVersion);
    const live = withMetadataMap(git, map, key, 'by-hand');
    expect(compareObjects(live, git).changes).toEqual([{ op: 'add', path, live: 'by-hand' }]);
  });
});

describe('server metadata fields and status', () => {
  const fields: [string, unknown][] = [
    ['uid', 'a1b2'],
    ['resourceVersion', '123'],
    ['generation', 4],
    ['creationTimestamp', '2026-11-20T08:00:00Z'],
    ['selfLink', '/api/v1/namespaces/shop/configmaps/x'],
    ['deletionTimestamp', '2026-11-20T09:00:00Z'],
    ['deletionGracePeriodSeconds', 30],
    ['managedFields', [{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: { 'f:data': {} } }]],
  ];
  it.each(fields)('metadata.%s is not drift', (field, value) => {
    const git = object('ConfigMap', 'v1');
    const live = { ...git, metadata: { ...git.metadata, [field]: value } } as KubeObject;
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed).toContainEqual(expect.objectContaining({ path: `/metadata/${field}`, reason: 'server-bookkeeping' }));
  });

  it('ignores creationTimestamp: null written in Git', () => {
    const git = { ...object('ConfigMap', 'v1'), metadata: { name: 'x', namespace: 'shop', creationTimestamp: null } } as unknown as KubeObject;
    expect(compareObjects(object('ConfigMap', 'v1'), git).changes).toEqual([]);
  });

  it('status is not drift, whichever side has it', () => {
    const live = object('Deployment', 'apps/v1', { status: { replicas: 3 } });
    const git = object('Deployment', 'apps/v1', { status: { replicas: 1 } });
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed).toEqual([expect.objectContaining({ path: '/status', reason: 'status' })]);
  });

  it('a namespace only live has is the scan namespace, not drift', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(compareObjects(object('ConfigMap', 'v1'), git).changes).toEqual([]);
  });

  it('a namespace Git gives a cluster-scoped object is dropped by the server, not drift', () => {
    const live: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } };
    const git: KubeObject = { ...live, metadata: { name: 'r', namespace: 'shop' } };
    expect(compareObjects(live, git).changes).toEqual([]);
  });

  it('another served apiVersion of the same kind is not drift', () => {
    const live = object('HorizontalPodAutoscaler', 'autoscaling/v2');
    const git = object('HorizontalPodAutoscaler', 'autoscaling/v2beta2');
    expect(compareObjects(live, git).changes).toEqual([]);
  });
});
