import type { ResourceType, Subresource } from './resource-type.js';

type Row = [
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: Subresource[],
  generation: boolean,
];

const ALL = ['all'];

/** The built-in catalogue: what kubectl and driftback users keep in Git. */
const GROUPS: Array<{ group: string; version: string; rows: Row[] }> = [
  {
    group: '',
    version: 'v1',
    rows: [
      ['namespaces', 'Namespace', false, ['ns'], ['status'], false],
      ['pods', 'Pod', true, ['po'], ['status'], false],
      ['services', 'Service', true, ['svc'], ['status'], false],
      ['endpoints', 'Endpoints', true, ['ep'], [], false],
      ['configmaps', 'ConfigMap', true, ['cm'], [], false],
      ['secrets', 'Secret', true, [], [], false],
      ['serviceaccounts', 'ServiceAccount', true, ['sa'], [], false],
      ['persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], ['status'], false],
      ['events', 'Event', true, ['ev'], [], false],
    ],
  },
  {
    group: 'apps',
    version: 'v1',
    rows: [
      ['deployments', 'Deployment', true, ['deploy'], ['status', 'scale'], true],
      ['statefulsets', 'StatefulSet', true, ['sts'], ['status', 'scale'], true],
      ['daemonsets', 'DaemonSet', true, ['ds'], ['status'], true],
      ['replicasets', 'ReplicaSet', true, ['rs'], ['status', 'scale'], true],
    ],
  },
  {
    group: 'batch',
    version: 'v1',
    rows: [
      ['jobs', 'Job', true, [], ['status'], true],
      ['cronjobs', 'CronJob', true, ['cj'], ['status'], true],
    ],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    rows: [
      ['ingresses', 'Ingress', true, ['ing'], ['status'], true],
      ['networkpolicies', 'NetworkPolicy', true, ['netpol'], [], true],
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    rows: [
      ['roles', 'Role', true, [], [], false],
      ['rolebindings', 'RoleBinding', true, [], [], false],
      ['clusterroles', 'ClusterRole', false, [], [], false],
      ['clusterrolebindings', 'ClusterRoleBinding', false, [], [], false],
    ],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    rows: [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ['status'], true]],
  },
  { group: 'policy', version: 'v1', rows: [['poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], ['status'], true]] },
  { group: 'coordination.k8s.io', version: 'v1', rows: [['leases', 'Lease', true, [], [], false]] },
  { group: 'events.k8s.io', version: 'v1', rows: [['events', 'Event', true, ['ev'], [], false]] },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    rows: [['customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds'], ['status'], true]],
  },
];

/** Kinds `kubectl get all` covers. */
const IN_ALL = new Set(['Pod', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler']);

export function builtinResourceTypes(): ResourceType[] {
  return GROUPS.flatMap(({ group, version, rows }) =>
    rows.map(([resource, kind, namespaced, shortNames, subresources, generation]) => ({
      group,
      version,
      resource,
      singularName: kind.toLowerCase(),
      kind,
      namespaced,
      shortNames,
      categories: IN_ALL.has(kind) ? ALL : [],
      subresources,
      generation,
      printerColumns: [],
    })),
  );
}
