/**
 * The causes of false and missed drift of issue 9 that live in the ownership rules, the
 * defaults and the Git-manager inference, one table each.
 */
import { describe, expect, it } from '@jest/globals';
import { trimWatchedObject } from '../../../src/cluster/index.js';
import { compareObjects } from '../../../src/diff/index.js';
import { LAST_APPLIED_ANNOTATION, type KubeObject, type ManagedFieldsEntry } from '../../../src/model/index.js';

const entry = (manager: string, fieldsV1: object, operation = 'Update'): ManagedFieldsEntry =>
  ({ manager, operation, apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 }) as ManagedFieldsEntry;

function gitService(): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'x', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
}

function liveService(extra: { labels?: Record<string, string>; spec?: object; managedFields?: ManagedFieldsEntry[]; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'x', uid: 'u', labels: { app: 'web', ...extra.labels }, ...(extra.annotations ? { annotations: extra.annotations } : {}), ...(extra.managedFields ? { managedFields: extra.managedFields } : {}) },
    spec: {
      clusterIP: '10.0.0.7',
      clusterIPs: ['10.0.0.7'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      ...extra.spec,
    },
  };
}

const appliedPort = { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:targetPort': {} } };

describe('a server-side Apply from Git owns what it applied, never a default', () => {
  const ssa = (fields: object) => entry('argocd-controller', fields, 'Apply');

  it('a label only the Apply owns, gone from Git, is drift (it was removed from Git)', () => {
    const live = liveService({ labels: { 'delete-me': 'x' }, managedFields: [ssa({ 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:delete-me': {} } }, 'f:spec': { 'f:selector': {}, 'f:ports': appliedPort } })] });
    expect(compareObjects(live, gitService()).changes).toEqual([{ op: 'add', path: '/metadata/labels/delete-me', live: 'x' }]);
  });

  it('type: NodePort only the Apply owns is drift; the node port the server allocated for it is not', () => {
    const live = liveService({
      spec: { type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 31648 }] },
      managedFields: [ssa({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:type': {}, 'f:selector': {}, 'f:ports': appliedPort } })],
    });
    expect(compareObjects(live, gitService()).changes).toEqual([{ op: 'add', path: '/spec/type', live: 'NodePort' }]);
  });

  it('the defaults nobody owns after a server-side apply are not drift', () => {
    const live = liveService({ managedFields: [ssa({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:selector': {}, 'f:ports': appliedPort } })] });
    expect(compareObjects(live, gitService()).changes).toEqual([]);
  });
});

describe('a field nobody owns is drift unless a default explains it', () => {
  it('a second container port nobody owns is drift', () => {
    const container = (ports: object[]) => ({ name: 'web', image: 'nginx:1.27', ports });
    const deployment = (ports: object[], managedFields?: ManagedFieldsEntry[]): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'x', ...(managedFields ? { managedFields } : {}) },
      spec: { template: { spec: { containers: [container(ports)] } } },
    });
    const owner = entry('argocd-controller', { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { 'f:containerPort': {} } } } } } } } }, 'Apply');
    const live = deployment([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 8081, protocol: 'UDP' }], [owner]);
    expect(compareObjects(live, deployment([{ containerPort: 80 }])).changes).toEqual([
      { op: 'add', path: '/spec/template/spec/containers/0/ports/1', live: { containerPort: 8081, protocol: 'UDP' } },
    ]);
  });
});

describe('what kubectl’s last-applied-configuration held', () => {
  const csa = entry('kubectl-client-side-apply', { 'f:metadata': { 'f:annotations': { [`f:${LAST_APPLIED_ANNOTATION}`]: {} }, 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:selector': {}, 'f:sessionAffinity': {}, 'f:type': {}, 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } } } });
  const lastApplied = (ports: object[]) => JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'x', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports } });

  it('an explicit protocol: TCP it held, which Git now leaves to the default, is not drift', () => {
    const live = liveService({ managedFields: [csa], annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]) } });
    expect(compareObjects(live, gitService()).changes).toEqual([]);
  });

  it('a value it held that no default explains is still drift', () => {
    const live = liveService({ spec: { sessionAffinity: 'ClientIP' }, managedFields: [csa], annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify({ spec: { sessionAffinity: 'ClientIP' } }) } });
    expect(compareObjects(live, gitService()).changes).toEqual([{ op: 'add', path: '/spec/sessionAffinity', live: 'ClientIP' }]);
  });
});

describe('the Git applier is inferred from who wrote a last-applied-configuration equal to Git', () => {
  const argocd = entry('argocd', { 'f:metadata': { 'f:annotations': { [`f:${LAST_APPLIED_ANNOTATION}`]: {} }, 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:sessionAffinity': {}, 'f:type': {}, 'f:selector': {}, 'f:ports': appliedPort } });
  const applied = (git: KubeObject) => JSON.stringify({ ...git, metadata: { ...git.metadata, annotations: {} } });

  it('Argo CD’s client-side apply as `argocd` applied Git: the defaults its Update owns are not drift', () => {
    const live = liveService({ managedFields: [argocd], annotations: { [LAST_APPLIED_ANNOTATION]: applied(gitService()) } });
    const comparison = compareObjects(live, gitService());
    expect(comparison.changes).toEqual([]);
    expect(comparison.actors).toEqual([]);
  });

  it('the same from the operator’s cache, which keeps only a skeleton and digest of the annotation', () => {
    const live = trimWatchedObject(liveService({ managedFields: [argocd], annotations: { [LAST_APPLIED_ANNOTATION]: applied(gitService()) } }));
    expect(compareObjects(live, gitService()).changes).toEqual([]);
  });

  it('a manager that applied something other than Git is a person', () => {
    const other = { ...gitService(), metadata: { ...gitService().metadata, labels: { app: 'web', team: 'x' } } };
    const live = liveService({ managedFields: [argocd], annotations: { [LAST_APPLIED_ANNOTATION]: applied(other) } });
    expect(compareObjects(live, gitService()).changes).toEqual([
      { op: 'add', path: '/spec/sessionAffinity', live: 'None' },
      { op: 'add', path: '/spec/type', live: 'ClusterIP' },
    ]);
  });
});

describe('empty values and API versions', () => {
  it('null from the server equals an empty list in Git', () => {
    const role = (rules: unknown): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'grafana' }, rules } as KubeObject);
    expect(compareObjects(role(null), role([])).changes).toEqual([]);
  });

  it('a Secret key the server returns as null equals "" in Git', () => {
    const secret = (data: Record<string, string | null>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'x' }, type: 'Opaque', data } as KubeObject);
    expect(compareObjects(secret({ smtp: null, pw: 'cHc=' }), secret({ smtp: '', pw: 'cHc=' })).changes).toEqual([]);
  });

  const hook = (apiVersion: string, webhook: object): KubeObject => ({
    apiVersion,
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'hooks' },
    webhooks: [{ name: 'a.example.com', clientConfig: { service: { name: 'a', namespace: 'x' } }, rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }], ...webhook }],
  });
  const served = (apiVersion: string, defaults: object) =>
    hook(apiVersion, { ...defaults, clientConfig: { service: { name: 'a', namespace: 'x', port: 443 } }, namespaceSelector: {}, objectSelector: {}, reinvocationPolicy: 'Never', rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }] });
  const V1BETA1 = { failurePolicy: 'Ignore', matchPolicy: 'Exact', timeoutSeconds: 30, sideEffects: 'Unknown', admissionReviewVersions: ['v1beta1'] };

  it('a v1beta1 webhook gets v1beta1 defaults, and the v1 ones are drift there', () => {
    const v = 'admissionregistration.k8s.io/v1beta1';
    expect(compareObjects(served(v, V1BETA1), hook(v, {})).changes).toEqual([]);
    expect(compareObjects(served(v, { ...V1BETA1, failurePolicy: 'Fail' }), hook(v, {})).changes).toEqual([{ op: 'add', path: '/webhooks/0/failurePolicy', live: 'Fail' }]);
  });
});

describe('without managedFields the defaults are computed from what Git applied', () => {
  const statefulSet = (image: string, pullPolicy?: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'cache', namespace: 'x' },
    spec: { serviceName: 'cache', template: { spec: { containers: [{ name: 'redis', image, ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}) }] } } },
  });

  it('an image retagged to :latest by hand keeps the pull policy Git’s pinned image got: only the image is drift, by an unknown actor', () => {
    const comparison = compareObjects(statefulSet('redis:latest', 'IfNotPresent'), statefulSet('redis:7.2.4'));
    expect(comparison.changes).toEqual([{ op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'redis:7.2.4', live: 'redis:latest' }]);
    expect(comparison.actors).toEqual([{ manager: 'unknown', operation: 'Unknown' }]);
  });

  it('a pull policy no default of Git’s image explains is drift', () => {
    expect(compareObjects(statefulSet('redis:7.2.4', 'Always'), statefulSet('redis:7.2.4')).changes).toEqual([
      { op: 'add', path: '/spec/template/spec/containers/0/imagePullPolicy', live: 'Always' },
    ]);
  });
});
