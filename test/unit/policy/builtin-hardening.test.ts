import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import { builtinPolicy, classifyDrift, compilePolicies, evaluateRules } from '../../../src/policy/index.js';
import { deployment, drift } from './helpers.js';

const hardening = compilePolicies(builtinPolicy('hardening')!);

const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'shop/app:1.0', ...extra });
const pod = (podSpec: Record<string, unknown>) => deployment({ containers: [container()], ...podSpec });
const withContainer = (extra: Record<string, unknown>) => deployment({ containers: [container(extra)] });
const secured = (securityContext: Record<string, unknown>) => withContainer({ securityContext });
const role = (rules: unknown[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'r' },
  rules,
});
const service = (type?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's', namespace: 'shop' },
  spec: { ports: [{ port: 80 }], ...(type ? { type } : {}) },
});

/** rule, then pairs of [live, git] that pass and that fail. */
const cases: Array<{ rule: string; pass: Array<[KubeObject, KubeObject?]>; fail: Array<[KubeObject, KubeObject?]> }> = [
  {
    rule: 'privileged-containers',
    pass: [[secured({ privileged: false })], [withContainer({})]],
    fail: [[secured({ privileged: true })]],
  },
  {
    rule: 'host-namespaces',
    pass: [[pod({ hostNetwork: false })], [pod({})]],
    fail: [[pod({ hostNetwork: true })], [pod({ hostPID: true })], [pod({ hostIPC: true })]],
  },
  {
    rule: 'host-path-volumes',
    pass: [[pod({ volumes: [{ name: 'tmp', emptyDir: {} }] })]],
    fail: [[pod({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'root', hostPath: { path: '/' } }] })]],
  },
  {
    rule: 'added-capabilities',
    pass: [[secured({ capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } })], [secured({ capabilities: { drop: ['ALL'] } })]],
    fail: [[secured({ capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } })]],
  },
  {
    rule: 'run-as-root',
    pass: [[secured({ runAsUser: 1000, runAsNonRoot: true })], [pod({ securityContext: { runAsUser: 10001 } })]],
    fail: [[secured({ runAsUser: 0 })], [secured({ runAsNonRoot: false })], [pod({ securityContext: { runAsUser: 0 } })]],
  },
  {
    rule: 'privilege-escalation',
    pass: [[secured({ allowPrivilegeEscalation: false })]],
    fail: [[secured({ allowPrivilegeEscalation: true })]],
  },
  {
    rule: 'read-only-root-filesystem-removed',
    pass: [
      [secured({ readOnlyRootFilesystem: true }), secured({ readOnlyRootFilesystem: true })],
      [withContainer({}), withContainer({})],
      [deployment({ containers: [container({ name: 'other' })] }), secured({ readOnlyRootFilesystem: true })],
    ],
    fail: [
      [withContainer({}), secured({ readOnlyRootFilesystem: true })],
      [secured({ readOnlyRootFilesystem: false }), secured({ readOnlyRootFilesystem: true })],
    ],
  },
  {
    rule: 'seccomp-unconfined',
    pass: [[secured({ seccompProfile: { type: 'RuntimeDefault' } })], [pod({ securityContext: { seccompProfile: { type: 'Localhost' } } })]],
    fail: [[secured({ seccompProfile: { type: 'Unconfined' } })], [pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } })]],
  },
  {
    rule: 'unpinned-images',
    pass: [
      [withContainer({ image: 'registry.local:5000/shop/app:1.2.3' })],
      [withContainer({ image: 'shop/app@sha256:0123456789abcdef' })],
      [withContainer({ image: 'shop/app:latest@sha256:0123456789abcdef' })],
    ],
    fail: [
      [withContainer({ image: 'shop/app:latest' })],
      [withContainer({ image: 'shop/app' })],
      [withContainer({ image: 'registry.local:5000/shop/app' })],
    ],
  },
  {
    rule: 'resource-limits-removed',
    pass: [
      [withContainer({ resources: { limits: { cpu: '1', memory: '1Gi' } } }), withContainer({ resources: { limits: { cpu: '2', memory: '1Gi' } } })],
      [withContainer({}), withContainer({ resources: { requests: { cpu: '1' } } })],
    ],
    fail: [
      [withContainer({}), withContainer({ resources: { limits: { cpu: '1' } } })],
      [withContainer({ resources: { limits: { cpu: '1' } } }), withContainer({ resources: { limits: { cpu: '1', memory: '1Gi' } } })],
    ],
  },
  {
    rule: 'rbac-wildcards',
    pass: [[role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }])], [role([])]],
    fail: [
      [role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }])],
      [role([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }])],
      [role([{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }])],
    ],
  },
  {
    rule: 'rbac-sensitive-writes',
    pass: [[role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }, { apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }])]],
    fail: [
      [role([{ apiGroups: [''], resources: ['secrets'], verbs: ['patch'] }])],
      [role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate'] }])],
      [role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['bind'] }])],
      [role([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }])],
    ],
  },
  {
    rule: 'service-exposed',
    pass: [[service('ClusterIP'), service()], [service('NodePort'), service('NodePort')], [service('LoadBalancer'), service('NodePort')]],
    fail: [[service('NodePort'), service()], [service('LoadBalancer'), service('ClusterIP')]],
  },
];

function outcomeOf(rule: string, live: KubeObject, git: KubeObject) {
  const outcome = evaluateRules(hardening, drift(live, git)).find((o) => o.rule.rule === rule);
  return outcome && [outcome.result, outcome.reason];
}

describe('builtin:hardening', () => {
  it('covers every rule of the pack, each with a severity and a reference', () => {
    expect(hardening.rules.map((r) => r.rule).sort()).toEqual(cases.map((c) => c.rule).sort());
    for (const rule of hardening.rules) expect(rule.reference).toMatch(/NSA\/CISA|PSS/);
  });

  describe.each(cases)('$rule', ({ rule, pass, fail }) => {
    it.each(pass.map(([live, git], i) => [i, live, git ?? live] as const))('passes case %i', (_i, live, git) => {
      expect(outcomeOf(rule, live, git)).toEqual(['pass', undefined]);
    });
    it.each(fail.map(([live, git], i) => [i, live, git ?? live] as const))('fails case %i', (_i, live, git) => {
      expect(outcomeOf(rule, live, git)).toEqual(['fail', undefined]);
    });
  });

  const privileged = { securityContext: { privileged: true } };
  const template = (spec: Record<string, unknown>) => ({ template: { spec } });
  it.each([
    ['Pod', { apiVersion: 'v1', kind: 'Pod', spec: { containers: [privileged] } }],
    ['StatefulSet', { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: template({ containers: [privileged] }) }],
    ['DaemonSet', { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: template({ initContainers: [privileged] }) }],
    ['ReplicaSet', { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: template({ ephemeralContainers: [privileged] }) }],
    ['Job', { apiVersion: 'batch/v1', kind: 'Job', spec: template({ containers: [privileged] }) }],
    ['CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: template({ containers: [privileged] }) } } }],
  ])('reads the pod spec of a %s, init and ephemeral containers included', (_kind, partial) => {
    const object = { metadata: { name: 'x', namespace: 'shop' }, ...partial } as KubeObject;
    const verdict = classifyDrift(hardening, drift(object));
    expect(verdict.violations.map((v) => v.rule)).toContain('privileged-containers');
    expect(verdict.violations.find((v) => v.rule === 'privileged-containers')).toEqual({
      policy: 'hardening',
      rule: 'privileged-containers',
      message: 'a container runs privileged',
      severity: 'critical',
      reference: 'PSS Baseline: Privileged Containers; NSA/CISA Kubernetes Hardening Guidance v1.2, Pod security',
    });
  });

  it('leaves a hardened workload and unrelated kinds compliant', () => {
    const hardened = deployment({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        container({
          resources: { limits: { cpu: '1' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        }),
      ],
    });
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(classifyDrift(hardening, drift(hardened))).toEqual({ verdict: 'compliant', violations: [] });
    expect(classifyDrift(hardening, drift(configMap))).toEqual({ verdict: 'compliant', violations: [] });
  });

  it('is unknown by other names', () => {
    expect(builtinPolicy('strict')).toBeUndefined();
    expect(builtinPolicy('toString')).toBeUndefined();
  });
});
