import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';

/** A Deployment as kept in Git. */
export function gitDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 8080 }],
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'LOG', value: 'info' },
              ],
              resources: { requests: { cpu: '0.5', memory: '0.5Gi' }, limits: { cpu: '1' } },
            },
            { name: 'sidecar', image: 'busybox:1.36', args: ['sleep', '3600'] },
          ],
        },
      },
    },
  };
}

/** The fields kubectl-client-side-apply owns after applying gitDeployment(). */
export function gitApplyEntry(): ManagedFieldsEntry {
  return {
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: '2026-11-20T08:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': {
        'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
        'f:labels': { '.': {}, 'f:app': {} },
      },
      'f:spec': {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:revisionHistoryLimit': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:env': {
                  '.': {},
                  'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                  'k:{"name":"LOG"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                },
                'f:image': {},
                'f:imagePullPolicy': {},
                'f:name': {},
                'f:ports': {
                  '.': {},
                  'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
                },
                'f:resources': { '.': {}, 'f:limits': { '.': {}, 'f:cpu': {} }, 'f:requests': { '.': {}, 'f:cpu': {}, 'f:memory': {} } },
                'f:terminationMessagePath': {},
                'f:terminationMessagePolicy': {},
              },
              'k:{"name":"sidecar"}': {
                '.': {},
                'f:args': {},
                'f:image': {},
                'f:imagePullPolicy': {},
                'f:name': {},
                'f:resources': {},
                'f:terminationMessagePath': {},
                'f:terminationMessagePolicy': {},
              },
            },
            'f:dnsPolicy': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    },
  };
}

/** The controller's bookkeeping writes: revision annotation and status. */
export function controllerEntries(): ManagedFieldsEntry[] {
  return [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2026-11-20T08:00:05Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:deployment.kubernetes.io/revision': {} } } },
    },
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2026-11-20T08:00:06Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
      subresource: 'status',
    },
  ];
}

/**
 * gitDeployment() as the API server returns it after `kubectl apply`: bookkeeping, defaults,
 * canonical quantities, status. Compared with gitDeployment() it must show no drift.
 */
export function liveDeployment(withManagedFields = true): KubeObject {
  const git = gitDeployment();
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: '6f1c2b8e-4a57-4f7e-9a2b-1c0d3e4f5a6b',
      resourceVersion: '48213',
      generation: 2,
      creationTimestamp: '2026-11-20T08:00:00Z',
      labels: { app: 'web' },
      annotations: {
        'deployment.kubernetes.io/revision': '1',
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(git),
      },
      ...(withManagedFields ? { managedFields: [gitApplyEntry(), ...controllerEntries()] } : {}),
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'LOG', value: 'info' },
              ],
              resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1' } },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
            {
              name: 'sidecar',
              image: 'busybox:1.36',
              args: ['sleep', '3600'],
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    },
    status: { observedGeneration: 2, replicas: 3, readyReplicas: 3 },
  };
}

/** A managedFields entry owning `fieldsV1`, as a person's kubectl-edit writes it. */
export function entry(manager: string, fieldsV1: ManagedFieldsEntry['fieldsV1'], time = '2026-11-21T09:00:00Z'): ManagedFieldsEntry {
  return { manager, operation: 'Update', apiVersion: 'apps/v1', time, fieldsType: 'FieldsV1', fieldsV1 };
}

/** A mutable view of a nested object, for editing fixtures in tests. */
export function at(object: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let node = object as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node as Record<string, unknown>;
}
