/**
 * Defaults of a PodSpec wherever one lives: SetDefaults_PodSpec, SetDefaults_Container, _Probe,
 * _HTTPGetAction, _Volume and friends in k8s.io/kubernetes/pkg/apis/core/v1/defaults.go, plus
 * what serialization adds (`resources: {}`, `securityContext: {}`, the template's
 * `creationTimestamp: null`, kubernetes/kubernetes#67610).
 */
import type { JsonValue } from '../../model/index.js';
import { isJsonObject } from '../../model/index.js';
import type { RuleGroup } from './compile-table.js';
import { appliedSibling, defaultPullPolicy, getIn } from './conditions.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultRule } from './types.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['postStart', 'preStop'] as const;

const TEMPLATE_METADATA_RULES: readonly DefaultRule[] = [
  fixed('metadata', {}, 'PodTemplateSpec.metadata', 'serialized empty when unset'),
  fixed('metadata.creationTimestamp', null, 'PodTemplateSpec.metadata.creationTimestamp', 'serialized for an unset time, kubernetes/kubernetes#67610'),
];

const POD_SPEC_RULES: readonly DefaultRule[] = [
  fixed('restartPolicy', 'Always', 'PodSpec.restartPolicy'),
  fixed('terminationGracePeriodSeconds', 30, 'PodSpec.terminationGracePeriodSeconds'),
  fixed('dnsPolicy', 'ClusterFirst', 'PodSpec.dnsPolicy'),
  fixed('schedulerName', 'default-scheduler', 'PodSpec.schedulerName'),
  fixed('securityContext', {}, 'PodSpec.securityContext'),
  derived(
    'serviceAccount',
    (ctx) => ctx.value === appliedSibling(ctx, 'serviceAccountName'),
    'API server copies PodSpec.serviceAccountName into the deprecated serviceAccount',
  ),
];

function containerRules(podSpecPath: readonly string[]): DefaultRule[] {
  return [
    fixed('terminationMessagePath', '/dev/termination-log', 'Container.terminationMessagePath'),
    fixed('terminationMessagePolicy', 'File', 'Container.terminationMessagePolicy'),
    fixed('resources', {}, 'Container.resources', 'serialized when unset'),
    derived(
      'imagePullPolicy',
      (ctx) => ctx.value === 'Always' && defaultPullPolicy(appliedSibling(ctx, 'image')) === 'Always',
      'API server default for Container.imagePullPolicy (Always for :latest or an untagged image)',
    ),
    derived(
      'imagePullPolicy',
      (ctx) => ctx.value === 'IfNotPresent' && defaultPullPolicy(appliedSibling(ctx, 'image')) === 'IfNotPresent',
      'API server default for Container.imagePullPolicy (IfNotPresent for a pinned tag or digest)',
    ),
    fixed('ports.*.protocol', 'TCP', 'ContainerPort.protocol'),
    // Since 1.28 only Pods get this (SetDefaults_Pod); templates stored by older servers keep it.
    derived(
      'ports.*.hostPort',
      (ctx) => ctx.value === ctx.parent['containerPort'] && getIn(ctx.root, [...podSpecPath, 'hostNetwork']) === true,
      'API server default for ContainerPort.hostPort (the containerPort, with hostNetwork)',
    ),
    fixed('env.*.valueFrom.fieldRef.apiVersion', 'v1', 'ObjectFieldSelector.apiVersion'),
    fixed('env.*.valueFrom.resourceFieldRef.divisor', '0', 'ResourceFieldSelector.divisor', 'serialized when unset'),
  ];
}

const PROBE_RULES: readonly DefaultRule[] = [
  fixed('timeoutSeconds', 1, 'Probe.timeoutSeconds'),
  fixed('periodSeconds', 10, 'Probe.periodSeconds'),
  fixed('successThreshold', 1, 'Probe.successThreshold'),
  fixed('failureThreshold', 3, 'Probe.failureThreshold'),
  fixed('httpGet.scheme', 'HTTP', 'HTTPGetAction.scheme'),
  fixed('httpGet.path', '/', 'HTTPGetAction.path'),
  fixed('grpc.service', '', 'GRPCAction.service'),
];

const HANDLER_RULES: readonly DefaultRule[] = [
  fixed('httpGet.scheme', 'HTTP', 'HTTPGetAction.scheme'),
  fixed('httpGet.path', '/', 'HTTPGetAction.path'),
];

const VOLUME_RULES: readonly DefaultRule[] = [
  fixed('emptyDir', {}, 'Volume.emptyDir', 'for a volume without a source'),
  fixed('configMap.defaultMode', 420, 'ConfigMapVolumeSource.defaultMode', '= 0644'),
  fixed('secret.defaultMode', 420, 'SecretVolumeSource.defaultMode', '= 0644'),
  fixed('projected.defaultMode', 420, 'ProjectedVolumeSource.defaultMode', '= 0644'),
  fixed('downwardAPI.defaultMode', 420, 'DownwardAPIVolumeSource.defaultMode', '= 0644'),
  fixed('downwardAPI.items.*.fieldRef.apiVersion', 'v1', 'ObjectFieldSelector.apiVersion'),
  fixed('downwardAPI.items.*.resourceFieldRef.divisor', '0', 'ResourceFieldSelector.divisor'),
  fixed('projected.sources.*.downwardAPI.items.*.fieldRef.apiVersion', 'v1', 'ObjectFieldSelector.apiVersion'),
  fixed('projected.sources.*.downwardAPI.items.*.resourceFieldRef.divisor', '0', 'ResourceFieldSelector.divisor'),
  fixed('projected.sources.*.serviceAccountToken.expirationSeconds', 3600, 'ServiceAccountTokenProjection.expirationSeconds'),
  fixed('hostPath.type', '', 'HostPathVolumeSource.type'),
  fixed('iscsi.iscsiInterface', 'default', 'ISCSIVolumeSource.iscsiInterface'),
  fixed('rbd.pool', 'rbd', 'RBDVolumeSource.pool'),
  fixed('rbd.user', 'admin', 'RBDVolumeSource.user'),
  fixed('rbd.keyring', '/etc/ceph/keyring', 'RBDVolumeSource.keyring'),
  fixed('azureDisk.cachingMode', 'ReadWrite', 'AzureDiskVolumeSource.cachingMode'),
  fixed('azureDisk.fsType', 'ext4', 'AzureDiskVolumeSource.fsType'),
  fixed('azureDisk.readOnly', false, 'AzureDiskVolumeSource.readOnly'),
  fixed('azureDisk.kind', 'Shared', 'AzureDiskVolumeSource.kind'),
  fixed('scaleIO.storageMode', 'ThinProvisioned', 'ScaleIOVolumeSource.storageMode'),
  fixed('scaleIO.fsType', 'xfs', 'ScaleIOVolumeSource.fsType'),
  fixed('ephemeral.volumeClaimTemplate.spec.volumeMode', 'Filesystem', 'PersistentVolumeClaimSpec.volumeMode'),
  fixed('ephemeral.volumeClaimTemplate.metadata', {}, 'PersistentVolumeClaimTemplate.metadata', 'serialized empty when unset'),
  fixed('ephemeral.volumeClaimTemplate.metadata.creationTimestamp', null, 'PersistentVolumeClaimTemplate.metadata.creationTimestamp'),
];

const SA_TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const KUBE_API_ACCESS = /^kube-api-access-[a-z0-9]{5}$/;

function isDefaultToleration(value: JsonValue): boolean {
  if (!isJsonObject(value)) return false;
  const key = value['key'];
  return (
    (key === 'node.kubernetes.io/not-ready' || key === 'node.kubernetes.io/unreachable') &&
    value['operator'] === 'Exists' &&
    value['effect'] === 'NoExecute' &&
    value['tolerationSeconds'] === 300
  );
}

/** InPlacePodVerticalScaling (on by default since 1.33) adds NotRequired for requested cpu/memory. */
function isDefaultResizePolicy(value: JsonValue): boolean {
  return (
    isJsonObject(value) &&
    (value['resourceName'] === 'cpu' || value['resourceName'] === 'memory') &&
    value['restartPolicy'] === 'NotRequired'
  );
}

function isTokenMount(value: JsonValue): boolean {
  return (
    isJsonObject(value) &&
    typeof value['name'] === 'string' &&
    KUBE_API_ACCESS.test(value['name']) &&
    value['mountPath'] === SA_TOKEN_MOUNT &&
    (value['readOnly'] === true || value['readOnly'] === undefined)
  );
}

function hasKubeApiAccessVolume(root: unknown): boolean {
  const volumes = getIn(root, ['spec', 'volumes']);
  return Array.isArray(volumes) && volumes.some((v) => isJsonObject(v) && typeof v['name'] === 'string' && KUBE_API_ACCESS.test(v['name']));
}

const LIMIT_RANGER = 'kubernetes.io/limit-ranger';

/** The LimitRanger admission plugin fills a Pod's missing requests and limits and says so. */
function setByLimitRanger(root: unknown): boolean {
  return typeof getIn(root, ['metadata', 'annotations', LIMIT_RANGER]) === 'string';
}

/** Requests copied from limits: SetDefaults_Pod does this for Pods, not for templates. */
function requestEqualsLimit(root: unknown, resource: string, value: JsonValue): boolean {
  for (const list of ['containers', 'initContainers']) {
    const containers = getIn(root, ['spec', list]);
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      const limit = getIn(container, ['resources', 'limits', resource]);
      const request = getIn(container, ['resources', 'requests', resource]);
      if (limit !== undefined && limit === value && request === value) return true;
    }
  }
  return false;
}

/** What admission plugins and SetDefaults_Pod add to a bare Pod, and never to a template. */
function podOnlyRules(): DefaultRule[] {
  const apiAccess = (rule: DefaultRule): DefaultRule => ({
    path: rule.path,
    matches: (ctx) => ctx.value === rule.value && hasKubeApiAccessVolume(ctx.root),
    detail: `${rule.detail}, kube-api-access volume from the ServiceAccount admission plugin`,
  });
  const source = 'spec.volumes.*.projected.sources.*';
  const containerRules = ['containers', 'initContainers'].flatMap((list): DefaultRule[] => [
    ...['name', 'mountPath', 'readOnly'].map((field) =>
      derived(`spec.${list}.*.volumeMounts.*.${field}`, (ctx) => isTokenMount(ctx.parent), 'ServiceAccount admission plugin mounts the API token'),
    ),
    ...['resourceName', 'restartPolicy'].map((field) =>
      derived(`spec.${list}.*.resizePolicy.*.${field}`, (ctx) => isDefaultResizePolicy(ctx.parent), 'API server default for Container.resizePolicy (NotRequired)'),
    ),
    derived(
      `spec.${list}.*.resources.requests.<any>`,
      (ctx) => requestEqualsLimit(ctx.root, ctx.path[ctx.path.length - 1] ?? '', ctx.value),
      'API server default for a Pod container request (copied from its limit)',
    ),
    derived(`spec.${list}.*.resources.requests.<any>`, (ctx) => setByLimitRanger(ctx.root), 'set by the LimitRanger admission plugin'),
    derived(`spec.${list}.*.resources.limits.<any>`, (ctx) => setByLimitRanger(ctx.root), 'set by the LimitRanger admission plugin'),
  ]);
  return [
    derived(['metadata', 'annotations', LIMIT_RANGER], (ctx) => typeof ctx.value === 'string', 'written by the LimitRanger admission plugin'),
    fixed('spec.enableServiceLinks', true, 'PodSpec.enableServiceLinks'),
    fixed('spec.serviceAccountName', 'default', 'PodSpec.serviceAccountName', 'from the ServiceAccount admission plugin'),
    fixed('spec.preemptionPolicy', 'PreemptLowerPriority', 'PodSpec.preemptionPolicy', 'from the Priority admission plugin'),
    derived(
      'spec.priority',
      (ctx) => typeof ctx.value === 'number' && (ctx.value === 0 || typeof ctx.parent['priorityClassName'] === 'string'),
      'Priority admission plugin resolves PodSpec.priority from the priority class',
    ),
    { path: 'spec.nodeName', matches: (ctx) => typeof ctx.value === 'string', reason: 'allocated', detail: 'assigned by the scheduler' },
    ...['key', 'operator', 'effect', 'tolerationSeconds'].map((field) =>
      derived(`spec.tolerations.*.${field}`, (ctx) => isDefaultToleration(ctx.parent), 'DefaultTolerationSeconds admission plugin (300s for not-ready/unreachable)'),
    ),
    derived('spec.volumes.*.name', (ctx) => typeof ctx.value === 'string' && KUBE_API_ACCESS.test(ctx.value), 'ServiceAccount admission plugin adds the kube-api-access volume'),
    apiAccess(fixed(`${source}.serviceAccountToken.expirationSeconds`, 3607, 'ServiceAccountTokenProjection.expirationSeconds')),
    apiAccess(fixed(`${source}.serviceAccountToken.path`, 'token', 'ServiceAccountTokenProjection.path')),
    apiAccess(fixed(`${source}.configMap.name`, 'kube-root-ca.crt', 'ConfigMapProjection.name')),
    apiAccess(fixed(`${source}.configMap.items.*.key`, 'ca.crt', 'KeyToPath.key')),
    apiAccess(fixed(`${source}.configMap.items.*.path`, 'ca.crt', 'KeyToPath.path')),
    apiAccess(fixed(`${source}.downwardAPI.items.*.fieldRef.fieldPath`, 'metadata.namespace', 'ObjectFieldSelector.fieldPath')),
    apiAccess(fixed(`${source}.downwardAPI.items.*.path`, 'namespace', 'DownwardAPIVolumeFile.path')),
    ...containerRules,
  ];
}

function podSpecGroups(kinds: readonly string[], podSpec: readonly string[], containerLists: readonly string[]): RuleGroup[] {
  const containers = containerLists.map((list) => [...podSpec, list, '*']);
  return [
    { kinds, prefixes: [podSpec], rules: POD_SPEC_RULES },
    { kinds, prefixes: containers, rules: containerRules(podSpec) },
    { kinds, prefixes: containers.flatMap((c) => PROBES.map((probe) => [...c, probe])), rules: PROBE_RULES },
    { kinds, prefixes: containers.flatMap((c) => HANDLERS.map((h) => [...c, 'lifecycle', h])), rules: HANDLER_RULES },
    { kinds, prefixes: [[...podSpec, 'volumes', '*']], rules: VOLUME_RULES },
  ];
}

/** Kinds that embed a pod template, and where. */
const TEMPLATE_OWNERS: readonly { kinds: readonly string[]; template: readonly string[] }[] = [
  {
    kinds: ['apps/Deployment', 'extensions/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', '/ReplicationController'],
    template: ['spec', 'template'],
  },
  { kinds: ['batch/CronJob'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
  { kinds: ['/PodTemplate'], template: ['template'] },
];

export const POD_SPEC_GROUPS: readonly RuleGroup[] = [
  ...TEMPLATE_OWNERS.flatMap(({ kinds, template }) => [
    { kinds, prefixes: [template], rules: TEMPLATE_METADATA_RULES },
    ...podSpecGroups(kinds, [...template, 'spec'], ['containers', 'initContainers']),
  ]),
  ...podSpecGroups(['/Pod'], ['spec'], ['containers', 'initContainers', 'ephemeralContainers']),
  { kinds: ['/Pod'], prefixes: [[]], rules: podOnlyRules() },
];
