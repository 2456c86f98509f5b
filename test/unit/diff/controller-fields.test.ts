import { describe, expect, it } from '@jest/globals';
import { compareObjects, controllerFields, scaleTargetsOf, SERVER_DEFAULTS } from '../../../src/diff/index.js';
import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';

const entry = (manager: string, fieldsV1: object, subresource?: string): ManagedFieldsEntry =>
  ({ manager, operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1, ...(subresource ? { subresource } : {}) }) as ManagedFieldsEntry;

function deployment(replicas: number, managedFields?: ManagedFieldsEntry[]): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', ...(managedFields ? { managedFields } : {}) }, spec: { replicas } };
}

const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 10 },
};
const scaled = { normalizers: [SERVER_DEFAULTS, controllerFields({ scaleTargets: scaleTargetsOf([hpa]) })] };
const applied = entry('kubectl-client-side-apply', { 'f:spec': { 'f:selector': {} } });

describe('the controller-fields table', () => {
  it('replicas the HPA controller wrote through /scale are the hpa-replicas rule’s, named by explain', () => {
    const live = deployment(4, [applied, entry('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }, 'scale')]);
    const comparison = compareObjects(live, deployment(2), scaled);
    expect(comparison.changes).toEqual([]);
    expect(comparison.suppressed).toContainEqual(expect.objectContaining({ path: '/spec/replicas', reason: 'controller-owned', rule: 'hpa-replicas' }));
  });

  it('replicas a person scaled under the HPA are drift', () => {
    const live = deployment(7, [applied, entry('kubectl', { 'f:spec': { 'f:replicas': {} } }, 'scale')]);
    expect(compareObjects(live, deployment(2), scaled).changes).toEqual([{ op: 'replace', path: '/spec/replicas', baseline: 2, live: 7 }]);
  });

  it('replicas of an object no HPA targets are drift, whoever wrote them', () => {
    const live = deployment(4, [applied, entry('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }, 'scale')]);
    expect(compareObjects(live, deployment(2)).changes).toEqual([{ op: 'replace', path: '/spec/replicas', baseline: 2, live: 4 }]);
  });

  it('without managedFields an HPA’s target replicas are still its own', () => {
    expect(compareObjects(deployment(6), deployment(2), scaled).changes).toEqual([]);
  });

  const webhook = (caBundle: string | undefined, annotations: Record<string, string>, managedFields?: ManagedFieldsEntry[]): KubeObject => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'hooks', annotations, ...(managedFields ? { managedFields } : {}) },
    webhooks: [{ name: 'a.example.com', clientConfig: { service: { name: 'a', namespace: 'x', port: 443 }, ...(caBundle ? { caBundle } : {}) } }],
  });
  const inject = { 'cert-manager.io/inject-ca-from': 'x/ca' };
  const caOwner = (manager: string) => entry(manager, { 'f:webhooks': { 'k:{"name":"a.example.com"}': { 'f:clientConfig': { 'f:caBundle': {} } } } });

  it('the caBundle cainjector injects where an annotation asks for it is not drift', () => {
    expect(compareObjects(webhook('Q0E=', inject, [caOwner('cainjector')]), webhook(undefined, inject)).changes).toEqual([]);
    expect(compareObjects(webhook('Q0E=', inject), webhook('b2xk', inject)).changes).toEqual([]);
  });

  it('a caBundle nobody asked cainjector for, or a person wrote, is drift', () => {
    const added = [{ op: 'add', path: '/webhooks/0/clientConfig/caBundle', live: 'Q0E=' }];
    expect(compareObjects(webhook('Q0E=', {}, [caOwner('cainjector')]), webhook(undefined, {})).changes).toEqual(added);
    expect(compareObjects(webhook('Q0E=', inject, [caOwner('kubectl-edit')]), webhook(undefined, inject)).changes).toEqual(added);
  });

  it('an aggregated ClusterRole’s rules are the aggregation controller’s, whatever Git once applied', () => {
    const role = (rules?: unknown[]): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'monitoring' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] },
      ...(rules ? { rules } : {}),
    });
    const live = role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    expect(compareObjects(live, role()).changes).toEqual([]);
    expect(compareObjects(live, role([{ apiGroups: [''], resources: ['services'], verbs: ['list'] }])).changes).toEqual([]);
  });

  it('the token Secrets a pre-1.24 token controller listed in a ServiceAccount are not drift; another Secret is', () => {
    const account = (secrets?: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'halyard', namespace: 'x' }, ...(secrets ? { secrets } : {}) });
    expect(compareObjects(account([{ name: 'halyard-token-7m6xs' }]), account()).changes).toEqual([]);
    expect(compareObjects(account([{ name: 'halyard-token-7m6xs' }, { name: 'registry' }]), account()).changes).toEqual([
      { op: 'add', path: '/secrets', live: [{ name: 'halyard-token-7m6xs' }, { name: 'registry' }] },
    ]);
  });

  it('the load-balancer cleanup finalizer of a LoadBalancer Service is the service controller’s', () => {
    const service = (finalizers?: string[]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'x', ...(finalizers ? { finalizers } : {}) },
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
    });
    expect(compareObjects(service(['service.kubernetes.io/load-balancer-cleanup']), service()).changes).toEqual([]);
    expect(compareObjects(service(['example.com/keep', 'service.kubernetes.io/load-balancer-cleanup']), service(['example.com/keep'])).changes).toEqual([]);
    expect(compareObjects(service(['example.com/keep']), service()).changes).toEqual([{ op: 'add', path: '/metadata/finalizers', live: ['example.com/keep'] }]);
  });

  it('the PV binder’s volumeName of a claim is not drift when Git leaves it out, and is when Git names another', () => {
    const claim = (volumeName?: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'x' }, spec: { ...(volumeName ? { volumeName } : {}) } });
    expect(compareObjects(claim('pvc-0b1c'), claim()).changes).toEqual([]);
    expect(compareObjects(claim('pvc-0b1c'), claim('pvc-9999')).changes).toEqual([{ op: 'replace', path: '/spec/volumeName', baseline: 'pvc-9999', live: 'pvc-0b1c' }]);
  });

  it('a user’s entry extends the table for its kind, under its name, and a person writing there is still drift', () => {
    const hook = (caBundle: string, manager: string): KubeObject => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'istio-sidecar-injector', managedFields: [entry(manager, { 'f:webhooks': { 'k:{"name":"inject"}': { 'f:clientConfig': { 'f:caBundle': {} } } } })] },
      webhooks: [{ name: 'inject', clientConfig: { caBundle } }],
    });
    const git: KubeObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector' }, webhooks: [{ name: 'inject', clientConfig: {} }] };
    const rule = { name: 'istio-ca-bundle', group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', pointers: ['/webhooks/*/clientConfig/caBundle'], managers: ['pilot-discovery'] };
    const options = { normalizers: [SERVER_DEFAULTS, controllerFields({}, [rule])] };
    const comparison = compareObjects(hook('Q0E=', 'pilot-discovery'), git, options);
    expect(comparison.changes).toEqual([]);
    expect(comparison.suppressed).toContainEqual(expect.objectContaining({ reason: 'controller-owned', rule: 'istio-ca-bundle' }));
    expect(compareObjects(hook('Q0E=', 'kubectl-edit'), git, options).changes).toEqual([{ op: 'add', path: '/webhooks/0/clientConfig/caBundle', live: 'Q0E=' }]);
  });
});
