import { describe, expect, it } from '@jest/globals';
import type { JsonObject, JsonValue, KubeObject } from '../../../src/model/index.js';
import { groupOf, isJsonObject } from '../../../src/model/index.js';
import { matchServerDefault } from '../../../src/diff/defaults/index.js';
import { applyServerDefaults } from '../../../src/standin/index.js';
import { bookkeepingAt } from '../../../src/diff/normalize-metadata.js';

interface LiveOnly {
  path: string[];
  value: JsonValue;
  parent: JsonObject;
}

/** Fields live has and Git lacks, pairing list items by index (the defaulter keeps order). */
function liveOnly(live: JsonValue, git: JsonValue | undefined, path: string[], parent: JsonObject, out: LiveOnly[]): void {
  const isKeyMap = path.length >= 2 && path[path.length - 2] === 'metadata' && ['labels', 'annotations'].includes(path[path.length - 1]!);
  if (git === undefined && isKeyMap && isJsonObject(live)) git = {};
  if (git === undefined) {
    out.push({ path, value: live, parent });
    return;
  }
  if (Array.isArray(live) && Array.isArray(git)) {
    live.forEach((item, i) => liveOnly(item, git[i], [...path, '*'], parent, out));
  } else if (isJsonObject(live) && isJsonObject(git)) {
    for (const [key, value] of Object.entries(live)) liveOnly(value, git[key], [...path, key], live, out);
  }
}

const manifests: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'u-web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          serviceAccountName: 'web',
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
              readinessProbe: { httpGet: { port: 80 } },
              lifecycle: { preStop: { httpGet: { port: 80, path: '/drain' } } },
            },
          ],
          volumes: [{ name: 'conf', configMap: { name: 'web' } }, { name: 'scratch' }, { name: 'host', hostPath: { path: '/var/log' } }],
        },
      },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop', uid: 'u-db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ops', uid: 'u-agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'agent:2.1', ports: [{ containerPort: 9100 }] }] },
      },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'shop', uid: 'u-job' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate:3' }] } } },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'shop', uid: 'u-cron' },
    spec: {
      schedule: '0 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'report:1' }] } } } },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', uid: 'u-svc' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 8443 }] },
  },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop', uid: 'u-s' }, data: { a: 'Yg==' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', uid: 'u-ns' } },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'shop', uid: 'u-pvc' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'np', namespace: 'shop', uid: 'u-np' },
    spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }], egress: [{ ports: [{ port: 53 }] }] },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'shop', uid: 'u-hpa' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb', namespace: 'shop', uid: 'u-rb' },
    roleRef: { kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'inject', uid: 'u-mwc' },
    webhooks: [
      {
        name: 'inject.example.com',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        clientConfig: { service: { name: 'injector', namespace: 'ops' } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
      },
    ],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'driftwatches.driftback.dev', uid: 'u-crd' },
    spec: {
      group: 'driftback.dev',
      scope: 'Namespaced',
      names: { kind: 'DriftWatch', plural: 'driftwatches' },
      versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
    },
  },
];

describe('applyServerDefaults', () => {
  it.each(manifests.map((m) => [m.kind, m] as const))('fills in only what the table recognises as a default (%s)', (_kind, git) => {
    const live = applyServerDefaults(git);
    const found: LiveOnly[] = [];
    const root = live as unknown as JsonObject;
    liveOnly(root, git as unknown as JsonObject, [], root, found);
    expect(found.length).toBeGreaterThan(0);
    const unmatched = found.filter(
      (f) =>
        !matchServerDefault({ group: groupOf(live.apiVersion), kind: live.kind, path: f.path, value: f.value, parent: f.parent, root: live }) &&
        !bookkeepingAt(f.path, live.kind),
    );
    expect(unmatched.map((f) => f.path.join('.'))).toEqual([]);
  });

  it('does not change its input', () => {
    const git = structuredClone(manifests[0]) as KubeObject;
    applyServerDefaults(git);
    expect(git).toEqual(manifests[0]);
  });

  it('fills in a Deployment as a 1.37 API server does (test/realserver holds it to a real one)', () => {
    const live = applyServerDefaults(manifests[0] as KubeObject) as unknown as { spec: JsonObject };
    expect(live.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          dnsPolicy: 'ClusterFirst',
          serviceAccount: 'web',
          containers: [{ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }],
          volumes: [{ configMap: { defaultMode: 420 } }, { name: 'scratch', emptyDir: {} }, { hostPath: { type: '' } }],
        },
      },
    });
    // Since v1.35 an unset creationTimestamp is omitted, not serialized as null.
    expect(live.spec['template']).not.toHaveProperty('metadata.creationTimestamp');
  });

  it('allocates the same cluster IP and node ports for the same Service every time', () => {
    const service = manifests.find((m) => m.kind === 'Service') as KubeObject;
    const first = applyServerDefaults(service);
    expect(applyServerDefaults(service)).toEqual(first);
    expect(applyServerDefaults(first)).toEqual(first);
    expect(first.spec).toMatchObject({ ports: [{ targetPort: 80, nodePort: expect.any(Number) }, { targetPort: 8443 }] });
  });
});
