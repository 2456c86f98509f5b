/**
 * The forward direction of the table: fills in what a real API server would, for the stand-in
 * API server and the demo. Allocations (cluster IPs, node ports) are derived from the object's
 * name, so the same object always gets the same values and an update keeps them.
 */
import type { JsonObject, JsonValue, KubeObject } from '../model/index.js';
import { groupOf, isJsonObject } from '../model/index.js';
import { defaultPullPolicy } from '../diff/defaults/index.js';

type Fields = Record<string, JsonValue>;

function setDefaults(target: JsonObject, defaults: Fields): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (target[key] === undefined) target[key] = value;
  }
}

function child(target: JsonObject, key: string): JsonObject {
  const existing = target[key];
  if (isJsonObject(existing)) return existing;
  const created: JsonObject = {};
  target[key] = created;
  return created;
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function defaultHttpGet(handler: JsonValue | undefined): void {
  if (!isJsonObject(handler) || !isJsonObject(handler['httpGet'])) return;
  setDefaults(handler['httpGet'], { path: '/', scheme: 'HTTP' });
}

/** ObjectFieldSelector.apiVersion and ResourceFieldSelector.divisor, wherever a selector sits. */
function defaultSelectors(holder: JsonValue | undefined): void {
  if (!isJsonObject(holder)) return;
  if (isJsonObject(holder['fieldRef'])) setDefaults(holder['fieldRef'], { apiVersion: 'v1' });
  if (isJsonObject(holder['resourceFieldRef'])) setDefaults(holder['resourceFieldRef'], { divisor: '0' });
}

function defaultContainer(container: JsonObject, hostNetwork: boolean): void {
  setDefaults(container, {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    resources: {},
  });
  const pullPolicy = defaultPullPolicy(container['image']);
  if (pullPolicy) setDefaults(container, { imagePullPolicy: pullPolicy });
  for (const port of objects(container['ports'])) {
    setDefaults(port, { protocol: 'TCP' });
    if (hostNetwork) setDefaults(port, { hostPort: port['containerPort'] ?? null });
  }
  for (const env of objects(container['env'])) defaultSelectors(env['valueFrom']);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = container[probe];
    if (!isJsonObject(value)) continue;
    setDefaults(value, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    defaultHttpGet(value);
    if (isJsonObject(value['grpc'])) setDefaults(value['grpc'], { service: '' });
  }
  const lifecycle = container['lifecycle'];
  if (isJsonObject(lifecycle)) {
    defaultHttpGet(lifecycle['postStart']);
    defaultHttpGet(lifecycle['preStop']);
  }
}

const VOLUME_SOURCES_WITH_MODE = ['configMap', 'secret', 'projected', 'downwardAPI'];

const VOLUME_SOURCE_DEFAULTS: readonly (readonly [string, Fields])[] = [
  ['hostPath', { type: '' }],
  ['iscsi', { iscsiInterface: 'default' }],
  ['rbd', { pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' }],
  ['azureDisk', { cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' }],
];

function defaultVolume(volume: JsonObject): void {
  if (Object.keys(volume).every((key) => key === 'name')) volume['emptyDir'] = {};
  for (const source of VOLUME_SOURCES_WITH_MODE) {
    if (isJsonObject(volume[source])) setDefaults(volume[source], { defaultMode: 420 });
  }
  for (const [source, defaults] of VOLUME_SOURCE_DEFAULTS) {
    if (isJsonObject(volume[source])) setDefaults(volume[source], defaults);
  }
  const downward = volume['downwardAPI'];
  if (isJsonObject(downward)) for (const item of objects(downward['items'])) defaultSelectors(item);
  const projected = volume['projected'];
  if (isJsonObject(projected)) {
    for (const source of objects(projected['sources'])) {
      if (isJsonObject(source['downwardAPI'])) for (const item of objects(source['downwardAPI']['items'])) defaultSelectors(item);
      if (isJsonObject(source['serviceAccountToken'])) setDefaults(source['serviceAccountToken'], { expirationSeconds: 3600 });
    }
  }
  const ephemeral = volume['ephemeral'];
  if (isJsonObject(ephemeral) && isJsonObject(ephemeral['volumeClaimTemplate'])) {
    child(ephemeral['volumeClaimTemplate'], 'metadata');
    setDefaults(child(ephemeral['volumeClaimTemplate'], 'spec'), { volumeMode: 'Filesystem' });
  }
}

function defaultPodSpec(spec: JsonObject, isPod: boolean): void {
  setDefaults(spec, {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
  });
  if (typeof spec['serviceAccountName'] === 'string') spec['serviceAccount'] = spec['serviceAccountName'];
  // Since 1.28 hostNetwork ports get their hostPort only in Pods, not in templates.
  const hostNetwork = isPod && spec['hostNetwork'] === true;
  for (const list of ['containers', 'initContainers']) {
    for (const container of objects(spec[list])) {
      defaultContainer(container, hostNetwork);
      if (isPod) copyLimitsToRequests(container);
    }
  }
  for (const volume of objects(spec['volumes'])) defaultVolume(volume);
}

/** SetDefaults_Pod: a Pod's container requests default to its limits. */
function copyLimitsToRequests(container: JsonObject): void {
  const resources = container['resources'];
  if (!isJsonObject(resources) || !isJsonObject(resources['limits'])) return;
  setDefaults(child(resources, 'requests'), resources['limits']);
}

function defaultTemplate(template: JsonObject): void {
  child(template, 'metadata');
  defaultPodSpec(child(template, 'spec'), false);
}

function defaultJobSpec(spec: JsonObject): void {
  const failurePolicy = spec['podFailurePolicy'];
  if (isJsonObject(failurePolicy)) {
    for (const rule of objects(failurePolicy['rules'])) for (const condition of objects(rule['onPodConditions'])) setDefaults(condition, { status: 'True' });
  }
  if (spec['completions'] === undefined && spec['parallelism'] === undefined) spec['completions'] = 1;
  setDefaults(spec, {
    parallelism: 1,
    backoffLimit: spec['backoffLimitPerIndex'] === undefined ? 6 : 2147483647,
    completionMode: 'NonIndexed',
    suspend: false,
    manualSelector: false,
    podReplacementPolicy: spec['podFailurePolicy'] === undefined ? 'TerminatingOrFailed' : 'Failed',
  });
}

function defaultService(object: KubeObject, spec: JsonObject): void {
  setDefaults(spec, { type: 'ClusterIP', sessionAffinity: 'None' });
  const type = spec['type'];
  if (type === 'ExternalName') return;
  const seed = hash(`${object.metadata.namespace ?? ''}/${object.metadata.name}`);
  const clusterIP = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : `10.96.${(seed >>> 8) & 255}.${(seed & 253) + 1}`;
  setDefaults(spec, {
    clusterIP,
    clusterIPs: [clusterIP],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
  });
  const nodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const externalIPs = Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0;
  if (nodePorts || externalIPs) setDefaults(spec, { externalTrafficPolicy: 'Cluster' });
  if (type === 'LoadBalancer') setDefaults(spec, { allocateLoadBalancerNodePorts: true });
  if (type === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local') setDefaults(spec, { healthCheckNodePort: 30000 + ((seed >>> 3) % 2768) });
  if (spec['sessionAffinity'] === 'ClientIP') setDefaults(spec, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
  objects(spec['ports']).forEach((port, index) => {
    setDefaults(port, { protocol: 'TCP', targetPort: port['port'] ?? null });
    if (nodePorts) setDefaults(port, { nodePort: 30000 + ((seed + index * 7919) % 2768) });
  });
}

function defaultWebhook(webhook: JsonObject, mutating: boolean): void {
  setDefaults(webhook, { failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10 });
  if (mutating) setDefaults(webhook, { reinvocationPolicy: 'Never' });
  for (const rule of objects(webhook['rules'])) setDefaults(rule, { scope: '*' });
  const clientConfig = webhook['clientConfig'];
  if (isJsonObject(clientConfig) && isJsonObject(clientConfig['service'])) setDefaults(clientConfig['service'], { port: 443 });
}

function defaultDefinition(spec: JsonObject): void {
  setDefaults(spec, { conversion: { strategy: 'None' } });
  const webhook = child(spec, 'conversion')['webhook'];
  if (isJsonObject(webhook) && isJsonObject(webhook['clientConfig']) && isJsonObject(webhook['clientConfig']['service'])) {
    setDefaults(webhook['clientConfig']['service'], { port: 443 });
  }
  const names = spec['names'];
  if (isJsonObject(names) && typeof names['kind'] === 'string') {
    setDefaults(names, { singular: names['kind'].toLowerCase(), listKind: `${names['kind']}List` });
  }
}

const CSI_DRIVER_DEFAULTS: Fields = {
  attachRequired: true,
  podInfoOnMount: false,
  storageCapacity: false,
  fsGroupPolicy: 'ReadWriteOnceWithFSType',
  requiresRepublish: false,
  seLinuxMount: false,
  preventPodSchedulingIfMissing: false,
  volumeLifecycleModes: ['Persistent'],
};

/** SetDefaults_LimitRangeItem: a Container item's default limit is its max, its default request the default limit, else the min. */
function defaultLimitRangeItem(item: JsonObject): void {
  if (item['type'] !== 'Container') return;
  if (isJsonObject(item['max'])) setDefaults(child(item, 'default'), item['max']);
  if (isJsonObject(item['default'])) setDefaults(child(item, 'defaultRequest'), item['default']);
  if (isJsonObject(item['min'])) setDefaults(child(item, 'defaultRequest'), item['min']);
}

/** autoscaling/v2 SetDefaults_HorizontalPodAutoscaler and its behavior rules; v1 has a CPU target. */
function defaultAutoscaler(spec: JsonObject, apiVersion: string): void {
  setDefaults(spec, { minReplicas: 1 });
  if (apiVersion === 'autoscaling/v1') {
    setDefaults(spec, { targetCPUUtilizationPercentage: 80 });
    return;
  }
  setDefaults(spec, { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
  const behavior = spec['behavior'];
  if (!isJsonObject(behavior)) return;
  setDefaults(child(behavior, 'scaleUp'), {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  });
  setDefaults(child(behavior, 'scaleDown'), { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
}

function defaultByKind(object: KubeObject): void {
  const group = groupOf(object.apiVersion);
  const root = object as unknown as JsonObject;
  const spec = isJsonObject(root['spec']) ? root['spec'] : undefined;
  switch (`${group}/${object.kind}`) {
    case 'apps/Deployment':
      if (!spec) return;
      setDefaults(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
      setDefaults(child(spec, 'strategy'), { type: 'RollingUpdate' });
      if (child(spec, 'strategy')['type'] === 'RollingUpdate') {
        setDefaults(child(child(spec, 'strategy'), 'rollingUpdate'), { maxUnavailable: '25%', maxSurge: '25%' });
      }
      defaultTemplate(child(spec, 'template'));
      return;
    case 'apps/StatefulSet':
      if (!spec) return;
      setDefaults(spec, { replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10 });
      setDefaults(child(spec, 'updateStrategy'), { type: 'RollingUpdate' });
      if (child(spec, 'updateStrategy')['type'] === 'RollingUpdate') {
        setDefaults(child(child(spec, 'updateStrategy'), 'rollingUpdate'), { partition: 0, maxUnavailable: 1 });
      }
      setDefaults(child(spec, 'persistentVolumeClaimRetentionPolicy'), { whenDeleted: 'Retain', whenScaled: 'Retain' });
      for (const claim of objects(spec['volumeClaimTemplates'])) {
        setDefaults(claim, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
        child(claim, 'metadata');
        setDefaults(child(claim, 'spec'), { volumeMode: 'Filesystem' });
        setDefaults(child(claim, 'status'), { phase: 'Pending' });
      }
      defaultTemplate(child(spec, 'template'));
      return;
    case 'apps/DaemonSet':
      if (!spec) return;
      object.metadata.annotations = { 'deprecated.daemonset.template.generation': String(object.metadata.generation ?? 1), ...object.metadata.annotations };
      setDefaults(spec, { revisionHistoryLimit: 10 });
      setDefaults(child(spec, 'updateStrategy'), { type: 'RollingUpdate' });
      if (child(spec, 'updateStrategy')['type'] === 'RollingUpdate') {
        setDefaults(child(child(spec, 'updateStrategy'), 'rollingUpdate'), { maxUnavailable: 1, maxSurge: 0 });
      }
      defaultTemplate(child(spec, 'template'));
      return;
    case '/ReplicationController': {
      if (!spec) return;
      setDefaults(spec, { replicas: 1 });
      const template = child(spec, 'template');
      defaultTemplate(template);
      const labels = child(template, 'metadata')['labels'];
      if (isJsonObject(labels)) {
        setDefaults(spec, { selector: { ...labels } });
        if (!object.metadata.labels) object.metadata.labels = { ...(labels as Record<string, string>) };
      }
      return;
    }
    case 'apps/ReplicaSet':
      if (!spec) return;
      setDefaults(spec, { replicas: 1 });
      defaultTemplate(child(spec, 'template'));
      return;
    case 'batch/Job': {
      if (!spec) return;
      defaultJobSpec(spec);
      const template = child(spec, 'template');
      defaultTemplate(template);
      const uid = object.metadata.uid;
      if (uid && spec['manualSelector'] !== true) {
        setDefaults(child(spec, 'selector'), { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
        setDefaults(child(child(template, 'metadata'), 'labels'), {
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': object.metadata.name,
          'controller-uid': uid,
          'job-name': object.metadata.name,
        });
      }
      const templateLabels = child(template, 'metadata')['labels'];
      if (!object.metadata.labels && isJsonObject(templateLabels)) object.metadata.labels = { ...(templateLabels as Record<string, string>) };
      return;
    }
    case 'batch/CronJob': {
      if (!spec) return;
      setDefaults(spec, { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
      const jobTemplate = child(spec, 'jobTemplate');
      child(jobTemplate, 'metadata');
      defaultTemplate(child(child(jobTemplate, 'spec'), 'template'));
      return;
    }
    case '/PodTemplate':
      defaultTemplate(child(root, 'template'));
      return;
    case '/Pod':
      if (!spec) return;
      defaultPodSpec(spec, true);
      setDefaults(spec, { enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
      return;
    case '/Service':
      if (spec) defaultService(object, spec);
      return;
    case '/Endpoints':
      for (const subset of objects(root['subsets'])) for (const port of objects(subset['ports'])) setDefaults(port, { protocol: 'TCP' });
      return;
    case 'discovery.k8s.io/EndpointSlice':
      for (const endpoint of objects(root['endpoints'])) setDefaults(endpoint, { conditions: {} });
      for (const port of objects(root['ports'])) setDefaults(port, { name: '', protocol: 'TCP' });
      return;
    case '/LimitRange':
      if (spec) for (const item of objects(spec['limits'])) defaultLimitRangeItem(item);
      return;
    case '/PersistentVolume':
      if (!spec) return;
      setDefaults(spec, { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
      if (isJsonObject(spec['hostPath'])) setDefaults(spec['hostPath'], { type: '' });
      object.metadata.finalizers ??= ['kubernetes.io/pv-protection'];
      return;
    case 'storage.k8s.io/CSIDriver':
      if (spec) setDefaults(spec, CSI_DRIVER_DEFAULTS);
      return;
    case 'scheduling.k8s.io/PriorityClass':
      setDefaults(root, { preemptionPolicy: 'PreemptLowerPriority' });
      return;
    case '/Secret':
      setDefaults(root, { type: 'Opaque' });
      return;
    case '/Namespace':
      setDefaults(child(root, 'spec'), { finalizers: ['kubernetes'] });
      object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name };
      return;
    case '/PersistentVolumeClaim':
      if (spec) setDefaults(spec, { volumeMode: 'Filesystem' });
      object.metadata.finalizers ??= ['kubernetes.io/pvc-protection'];
      return;
    case 'networking.k8s.io/NetworkPolicy': {
      if (!spec) return;
      const egress = objects(spec['egress']);
      setDefaults(spec, { policyTypes: egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'] });
      for (const rule of [...objects(spec['ingress']), ...egress]) {
        for (const port of objects(rule['ports'])) setDefaults(port, { protocol: 'TCP' });
      }
      return;
    }
    case 'autoscaling/HorizontalPodAutoscaler':
      if (spec) defaultAutoscaler(spec, object.apiVersion);
      return;
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      if (isJsonObject(root['roleRef'])) setDefaults(root['roleRef'], { apiGroup: 'rbac.authorization.k8s.io' });
      for (const subject of objects(root['subjects'])) {
        if (subject['kind'] === 'User' || subject['kind'] === 'Group') setDefaults(subject, { apiGroup: 'rbac.authorization.k8s.io' });
      }
      return;
    case 'admissionregistration.k8s.io/ValidatingWebhookConfiguration':
    case 'admissionregistration.k8s.io/MutatingWebhookConfiguration':
      for (const webhook of objects(root['webhooks'])) defaultWebhook(webhook, object.kind === 'MutatingWebhookConfiguration');
      return;
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      if (spec) defaultDefinition(spec);
      return;
    case 'storage.k8s.io/StorageClass':
      setDefaults(root, { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
      return;
    default:
      return;
  }
}

/** Returns a copy of `object` with the defaults a Kubernetes 1.37 API server fills in (see test/realserver). */
export function applyServerDefaults(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  defaultByKind(copy);
  return copy;
}
