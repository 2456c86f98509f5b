import { describe, expect, it } from '@jest/globals';
import type { JsonObject, JsonValue, KubeObject } from '../../../../src/model/index.js';
import { matchServerDefault } from '../../../../src/diff/defaults/index.js';

interface Case {
  name: string;
  group?: string;
  kind: string;
  /** Dotted, or segments when a key holds dots. */
  path: string | string[];
  value: JsonValue;
  parent?: JsonObject;
  root?: Partial<KubeObject> & JsonObject;
  expected: 'default' | 'allocated' | undefined;
}

const POD = 'spec.template.spec';
const CONTAINER = `${POD}.containers.*`;

const deploymentCases: Case[] = [
  { name: 'replicas 1', group: 'apps', kind: 'Deployment', path: 'spec.replicas', value: 1, expected: 'default' },
  { name: 'replicas 3 is a person', group: 'apps', kind: 'Deployment', path: 'spec.replicas', value: 3, expected: undefined },
  { name: 'revisionHistoryLimit', group: 'apps', kind: 'Deployment', path: 'spec.revisionHistoryLimit', value: 10, expected: 'default' },
  { name: 'progressDeadlineSeconds', group: 'apps', kind: 'Deployment', path: 'spec.progressDeadlineSeconds', value: 600, expected: 'default' },
  { name: 'strategy maxSurge', group: 'apps', kind: 'Deployment', path: 'spec.strategy.rollingUpdate.maxSurge', value: '25%', expected: 'default' },
  { name: 'strategy maxSurge 50%', group: 'apps', kind: 'Deployment', path: 'spec.strategy.rollingUpdate.maxSurge', value: '50%', expected: undefined },
  {
    name: 'whole strategy subtree',
    group: 'apps',
    kind: 'Deployment',
    path: 'spec.strategy',
    value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    expected: 'default',
  },
  {
    name: 'strategy subtree with one edited field',
    group: 'apps',
    kind: 'Deployment',
    path: 'spec.strategy',
    value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    expected: undefined,
  },
  { name: 'template creationTimestamp null', group: 'apps', kind: 'Deployment', path: 'spec.template.metadata.creationTimestamp', value: null, expected: 'default' },
  { name: 'a label is never a default', group: 'apps', kind: 'Deployment', path: 'metadata.labels.team', value: 'x', expected: undefined },
  { name: 'a replicas of a kind without the rule', group: 'apps', kind: 'DaemonSet', path: 'spec.replicas', value: 1, expected: undefined },
];

const podSpecCases: Case[] = [
  { name: 'restartPolicy', group: 'apps', kind: 'Deployment', path: `${POD}.restartPolicy`, value: 'Always', expected: 'default' },
  { name: 'dnsPolicy', group: 'apps', kind: 'StatefulSet', path: `${POD}.dnsPolicy`, value: 'ClusterFirst', expected: 'default' },
  { name: 'dnsPolicy Default is a person', group: 'apps', kind: 'StatefulSet', path: `${POD}.dnsPolicy`, value: 'Default', expected: undefined },
  { name: 'schedulerName', group: 'apps', kind: 'DaemonSet', path: `${POD}.schedulerName`, value: 'default-scheduler', expected: 'default' },
  { name: 'terminationGracePeriodSeconds', group: 'batch', kind: 'Job', path: `${POD}.terminationGracePeriodSeconds`, value: 30, expected: 'default' },
  { name: 'empty pod securityContext', group: 'apps', kind: 'Deployment', path: `${POD}.securityContext`, value: {}, expected: 'default' },
  { name: 'pod securityContext runAsNonRoot', group: 'apps', kind: 'Deployment', path: `${POD}.securityContext.runAsNonRoot`, value: true, expected: undefined },
  {
    name: 'serviceAccount mirrors serviceAccountName',
    group: 'apps',
    kind: 'Deployment',
    path: `${POD}.serviceAccount`,
    value: 'web',
    parent: { serviceAccountName: 'web', serviceAccount: 'web' },
    expected: 'default',
  },
  {
    name: 'serviceAccount unlike serviceAccountName',
    group: 'apps',
    kind: 'Deployment',
    path: `${POD}.serviceAccount`,
    value: 'admin',
    parent: { serviceAccountName: 'web', serviceAccount: 'admin' },
    expected: undefined,
  },
  { name: 'CronJob pod template', group: 'batch', kind: 'CronJob', path: 'spec.jobTemplate.spec.template.spec.dnsPolicy', value: 'ClusterFirst', expected: 'default' },
  { name: 'Pod spec', kind: 'Pod', path: 'spec.dnsPolicy', value: 'ClusterFirst', expected: 'default' },
  { name: 'enableServiceLinks on a Pod', kind: 'Pod', path: 'spec.enableServiceLinks', value: true, expected: 'default' },
  { name: 'enableServiceLinks on a template is a person', group: 'apps', kind: 'Deployment', path: `${POD}.enableServiceLinks`, value: true, expected: undefined },
  { name: 'Pod nodeName', kind: 'Pod', path: 'spec.nodeName', value: 'node-1', expected: 'allocated' },
  {
    name: 'Pod default toleration',
    kind: 'Pod',
    path: 'spec.tolerations.*.tolerationSeconds',
    value: 300,
    parent: { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    expected: 'default',
  },
  {
    name: 'Pod toleration a person added',
    kind: 'Pod',
    path: 'spec.tolerations.*.key',
    value: 'dedicated',
    parent: { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
    expected: undefined,
  },
];

const containerCases: Case[] = [
  { name: 'terminationMessagePath', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.terminationMessagePath`, value: '/dev/termination-log', expected: 'default' },
  { name: 'terminationMessagePolicy', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.terminationMessagePolicy`, value: 'File', expected: 'default' },
  { name: 'resources {}', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.resources`, value: {}, expected: 'default' },
  { name: 'resources with limits', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.resources`, value: { limits: { cpu: '1' } }, expected: undefined },
  { name: 'init container', group: 'apps', kind: 'Deployment', path: `${POD}.initContainers.*.terminationMessagePolicy`, value: 'File', expected: 'default' },
  { name: 'pinned tag IfNotPresent', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'IfNotPresent', parent: { image: 'nginx:1.27' }, expected: 'default' },
  { name: 'pinned tag Always is a person', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'Always', parent: { image: 'nginx:1.27' }, expected: undefined },
  { name: 'latest Always', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'Always', parent: { image: 'nginx:latest' }, expected: 'default' },
  { name: 'untagged Always', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'Always', parent: { image: 'registry:5000/team/app' }, expected: 'default' },
  { name: 'registry port is no tag', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'IfNotPresent', parent: { image: 'registry:5000/team/app' }, expected: undefined },
  { name: 'digest IfNotPresent', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'IfNotPresent', parent: { image: `app@sha256:${'a'.repeat(64)}` }, expected: 'default' },
  { name: 'latest IfNotPresent is a person', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'IfNotPresent', parent: { image: 'nginx' }, expected: undefined },
  { name: 'container port protocol', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.ports.*.protocol`, value: 'TCP', expected: 'default' },
  { name: 'container port UDP is a person', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.ports.*.protocol`, value: 'UDP', expected: undefined },
  {
    name: 'hostPort with hostNetwork',
    group: 'apps',
    kind: 'DaemonSet',
    path: `${CONTAINER}.ports.*.hostPort`,
    value: 9100,
    parent: { containerPort: 9100 },
    root: { spec: { template: { spec: { hostNetwork: true } } } },
    expected: 'default',
  },
  {
    name: 'hostPort without hostNetwork',
    group: 'apps',
    kind: 'DaemonSet',
    path: `${CONTAINER}.ports.*.hostPort`,
    value: 9100,
    parent: { containerPort: 9100 },
    expected: undefined,
  },
  { name: 'env fieldRef apiVersion', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.env.*.valueFrom.fieldRef.apiVersion`, value: 'v1', expected: 'default' },
  { name: 'an env var is never a default', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.env.*`, value: { name: 'DEBUG', value: '1' }, expected: undefined },
  { name: 'container securityContext field', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.securityContext.privileged`, value: true, expected: undefined },
  {
    name: 'Pod limit set by LimitRanger',
    kind: 'Pod',
    path: 'spec.containers.*.resources.limits.memory',
    value: '512Mi',
    root: { metadata: { name: 'p', annotations: { 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: memory limit for container app' } } },
    expected: 'default',
  },
  { name: 'Pod limit without LimitRanger', kind: 'Pod', path: 'spec.containers.*.resources.limits.memory', value: '512Mi', expected: undefined },
  {
    name: 'Pod resize policy',
    kind: 'Pod',
    path: 'spec.containers.*.resizePolicy',
    value: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'NotRequired' }],
    expected: 'default',
  },
  {
    name: 'Pod resize policy RestartContainer is a person',
    kind: 'Pod',
    path: 'spec.containers.*.resizePolicy.*.restartPolicy',
    value: 'RestartContainer',
    parent: { resourceName: 'memory', restartPolicy: 'RestartContainer' },
    expected: undefined,
  },
  {
    name: 'Pod request copied from limit',
    kind: 'Pod',
    path: 'spec.containers.*.resources.requests.cpu',
    value: '500m',
    root: { spec: { containers: [{ name: 'a', resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } } }] } },
    expected: 'default',
  },
  {
    name: 'Pod request differing from the limit',
    kind: 'Pod',
    path: 'spec.containers.*.resources.requests.cpu',
    value: '100m',
    root: { spec: { containers: [{ name: 'a', resources: { limits: { cpu: '500m' }, requests: { cpu: '100m' } } }] } },
    expected: undefined,
  },
];

const probeCases: Case[] = ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe): Case[] => [
  { name: `${probe} timeoutSeconds`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.timeoutSeconds`, value: 1, expected: 'default' },
  { name: `${probe} periodSeconds`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.periodSeconds`, value: 10, expected: 'default' },
  { name: `${probe} periodSeconds 5`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.periodSeconds`, value: 5, expected: undefined },
  { name: `${probe} successThreshold`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.successThreshold`, value: 1, expected: 'default' },
  { name: `${probe} failureThreshold`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.failureThreshold`, value: 3, expected: 'default' },
  { name: `${probe} httpGet.scheme`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.httpGet.scheme`, value: 'HTTP', expected: 'default' },
  { name: `${probe} httpGet.path`, group: 'apps', kind: 'Deployment', path: `${CONTAINER}.${probe}.httpGet.path`, value: '/', expected: 'default' },
]);

const volumeCases: Case[] = [
  { name: 'configMap defaultMode', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.configMap.defaultMode`, value: 420, expected: 'default' },
  { name: 'configMap defaultMode 0400 is a person', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.configMap.defaultMode`, value: 256, expected: undefined },
  { name: 'secret defaultMode', group: 'apps', kind: 'StatefulSet', path: `${POD}.volumes.*.secret.defaultMode`, value: 420, expected: 'default' },
  { name: 'projected defaultMode', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.projected.defaultMode`, value: 420, expected: 'default' },
  { name: 'downwardAPI defaultMode', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.downwardAPI.defaultMode`, value: 420, expected: 'default' },
  { name: 'emptyDir {}', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.emptyDir`, value: {}, expected: 'default' },
  { name: 'emptyDir with medium', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*.emptyDir`, value: { medium: 'Memory' }, expected: undefined },
  { name: 'hostPath type', group: 'apps', kind: 'DaemonSet', path: `${POD}.volumes.*.hostPath.type`, value: '', expected: 'default' },
  { name: 'a whole volume is a person', group: 'apps', kind: 'Deployment', path: `${POD}.volumes.*`, value: { name: 'tmp', emptyDir: {} }, expected: undefined },
];

const workloadCases: Case[] = [
  { name: 'StatefulSet podManagementPolicy', group: 'apps', kind: 'StatefulSet', path: 'spec.podManagementPolicy', value: 'OrderedReady', expected: 'default' },
  { name: 'StatefulSet partition', group: 'apps', kind: 'StatefulSet', path: 'spec.updateStrategy.rollingUpdate.partition', value: 0, expected: 'default' },
  { name: 'StatefulSet retention', group: 'apps', kind: 'StatefulSet', path: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', value: 'Retain', expected: 'default' },
  { name: 'StatefulSet retention Delete', group: 'apps', kind: 'StatefulSet', path: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', value: 'Delete', expected: undefined },
  { name: 'StatefulSet claim template kind', group: 'apps', kind: 'StatefulSet', path: 'spec.volumeClaimTemplates.*.kind', value: 'PersistentVolumeClaim', expected: 'default' },
  { name: 'StatefulSet claim template volumeMode', group: 'apps', kind: 'StatefulSet', path: 'spec.volumeClaimTemplates.*.spec.volumeMode', value: 'Filesystem', expected: 'default' },
  { name: 'StatefulSet claim template status', group: 'apps', kind: 'StatefulSet', path: 'spec.volumeClaimTemplates.*.status', value: { phase: 'Pending' }, expected: 'default' },
  { name: 'DaemonSet maxUnavailable', group: 'apps', kind: 'DaemonSet', path: 'spec.updateStrategy.rollingUpdate.maxUnavailable', value: 1, expected: 'default' },
  { name: 'DaemonSet maxSurge', group: 'apps', kind: 'DaemonSet', path: 'spec.updateStrategy.rollingUpdate.maxSurge', value: 0, expected: 'default' },
  { name: 'Job backoffLimit', group: 'batch', kind: 'Job', path: 'spec.backoffLimit', value: 6, parent: {}, expected: 'default' },
  { name: 'Job backoffLimit 2', group: 'batch', kind: 'Job', path: 'spec.backoffLimit', value: 2, parent: {}, expected: undefined },
  { name: 'Job backoffLimit with per-index', group: 'batch', kind: 'Job', path: 'spec.backoffLimit', value: 2147483647, parent: { backoffLimitPerIndex: 1 }, expected: 'default' },
  { name: 'Job completionMode', group: 'batch', kind: 'Job', path: 'spec.completionMode', value: 'NonIndexed', expected: 'default' },
  { name: 'Job podReplacementPolicy', group: 'batch', kind: 'Job', path: 'spec.podReplacementPolicy', value: 'TerminatingOrFailed', parent: {}, expected: 'default' },
  { name: 'Job podReplacementPolicy with podFailurePolicy', group: 'batch', kind: 'Job', path: 'spec.podReplacementPolicy', value: 'Failed', parent: { podFailurePolicy: { rules: [] } }, expected: 'default' },
  {
    name: 'Job selector',
    group: 'batch',
    kind: 'Job',
    path: 'spec.selector',
    value: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
    root: { metadata: { name: 'migrate', uid: 'u-1' } },
    expected: 'allocated',
  },
  {
    name: 'Job selector of another uid',
    group: 'batch',
    kind: 'Job',
    path: 'spec.selector',
    value: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-2' } },
    root: { metadata: { name: 'migrate', uid: 'u-1' } },
    expected: undefined,
  },
  { name: 'CronJob concurrencyPolicy', group: 'batch', kind: 'CronJob', path: 'spec.concurrencyPolicy', value: 'Allow', expected: 'default' },
  { name: 'CronJob history limits', group: 'batch', kind: 'CronJob', path: 'spec.failedJobsHistoryLimit', value: 1, expected: 'default' },
  { name: 'CronJob suspend true is a person', group: 'batch', kind: 'CronJob', path: 'spec.suspend', value: true, expected: undefined },
];

const serviceCases: Case[] = [
  { name: 'clusterIP', kind: 'Service', path: 'spec.clusterIP', value: '10.96.12.7', expected: 'allocated' },
  { name: 'clusterIPs', kind: 'Service', path: 'spec.clusterIPs', value: ['10.96.12.7'], expected: 'allocated' },
  { name: 'IPv6 clusterIPs', kind: 'Service', path: 'spec.clusterIPs.*', value: 'fd00:10:96::7', expected: 'allocated' },
  { name: 'ipFamilies', kind: 'Service', path: 'spec.ipFamilies', value: ['IPv4'], expected: 'default' },
  { name: 'ipFamilyPolicy', kind: 'Service', path: 'spec.ipFamilyPolicy', value: 'SingleStack', expected: 'default' },
  { name: 'ipFamilyPolicy RequireDualStack is a person', kind: 'Service', path: 'spec.ipFamilyPolicy', value: 'RequireDualStack', expected: undefined },
  { name: 'sessionAffinity', kind: 'Service', path: 'spec.sessionAffinity', value: 'None', expected: 'default' },
  { name: 'internalTrafficPolicy', kind: 'Service', path: 'spec.internalTrafficPolicy', value: 'Cluster', expected: 'default' },
  { name: 'type', kind: 'Service', path: 'spec.type', value: 'ClusterIP', expected: 'default' },
  { name: 'type NodePort is a person', kind: 'Service', path: 'spec.type', value: 'NodePort', expected: undefined },
  { name: 'port protocol', kind: 'Service', path: 'spec.ports.*.protocol', value: 'TCP', expected: 'default' },
  { name: 'targetPort = port', kind: 'Service', path: 'spec.ports.*.targetPort', value: 80, parent: { port: 80 }, expected: 'default' },
  { name: 'targetPort other than port', kind: 'Service', path: 'spec.ports.*.targetPort', value: 8080, parent: { port: 80 }, expected: undefined },
  { name: 'nodePort on NodePort', kind: 'Service', path: 'spec.ports.*.nodePort', value: 31234, root: { spec: { type: 'NodePort' } }, expected: 'allocated' },
  { name: 'nodePort on ClusterIP', kind: 'Service', path: 'spec.ports.*.nodePort', value: 31234, root: { spec: { type: 'ClusterIP' } }, expected: undefined },
  { name: 'externalTrafficPolicy on LoadBalancer', kind: 'Service', path: 'spec.externalTrafficPolicy', value: 'Cluster', root: { spec: { type: 'LoadBalancer' } }, expected: 'default' },
  { name: 'externalTrafficPolicy Local', kind: 'Service', path: 'spec.externalTrafficPolicy', value: 'Local', root: { spec: { type: 'LoadBalancer' } }, expected: undefined },
  {
    name: 'externalTrafficPolicy on a ClusterIP with external IPs',
    kind: 'Service',
    path: 'spec.externalTrafficPolicy',
    value: 'Cluster',
    root: { spec: { type: 'ClusterIP', externalIPs: ['198.51.100.7'] } },
    expected: 'default',
  },
  { name: 'externalTrafficPolicy on a plain ClusterIP', kind: 'Service', path: 'spec.externalTrafficPolicy', value: 'Cluster', root: { spec: { type: 'ClusterIP' } }, expected: undefined },
  { name: 'allocateLoadBalancerNodePorts', kind: 'Service', path: 'spec.allocateLoadBalancerNodePorts', value: true, root: { spec: { type: 'LoadBalancer' } }, expected: 'default' },
];

const otherCases: Case[] = [
  { name: 'Secret type', kind: 'Secret', path: 'type', value: 'Opaque', expected: 'default' },
  { name: 'Secret data key is a person', kind: 'Secret', path: 'data.password', value: 'aHVudGVyMg==', expected: undefined },
  { name: 'ConfigMap data key is a person', kind: 'ConfigMap', path: 'data.LOG_LEVEL', value: 'debug', expected: undefined },
  { name: 'Namespace finalizers', kind: 'Namespace', path: 'spec.finalizers', value: ['kubernetes'], expected: 'default' },
  {
    name: 'Namespace name label',
    kind: 'Namespace',
    path: ['metadata', 'labels', 'kubernetes.io/metadata.name'],
    value: 'shop',
    root: { metadata: { name: 'shop' } },
    expected: 'default',
  },
  { name: 'PVC volumeMode', kind: 'PersistentVolumeClaim', path: 'spec.volumeMode', value: 'Filesystem', expected: 'default' },
  { name: 'PVC storageClassName', kind: 'PersistentVolumeClaim', path: 'spec.storageClassName', value: 'standard', expected: 'allocated' },
  { name: 'NetworkPolicy policyTypes', group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec.policyTypes', value: ['Ingress'], expected: 'default' },
  {
    name: 'NetworkPolicy policyTypes with egress',
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    path: 'spec.policyTypes',
    value: ['Ingress', 'Egress'],
    root: { spec: { egress: [{}] } },
    expected: 'default',
  },
  { name: 'NetworkPolicy Egress only is a person', group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec.policyTypes', value: ['Egress'], expected: undefined },
  { name: 'NetworkPolicy port protocol', group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec.ingress.*.ports.*.protocol', value: 'TCP', expected: 'default' },
  { name: 'Ingress pathType has no default', group: 'networking.k8s.io', kind: 'Ingress', path: 'spec.rules.*.http.paths.*.pathType', value: 'Prefix', expected: undefined },
  { name: 'RoleBinding roleRef apiGroup', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', path: 'roleRef.apiGroup', value: 'rbac.authorization.k8s.io', expected: 'default' },
  {
    name: 'User subject apiGroup',
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    path: 'subjects.*.apiGroup',
    value: 'rbac.authorization.k8s.io',
    parent: { kind: 'User', name: 'jane' },
    expected: 'default',
  },
  { name: 'HPA minReplicas', group: 'autoscaling', kind: 'HorizontalPodAutoscaler', path: 'spec.minReplicas', value: 1, expected: 'default' },
  {
    name: 'HPA default CPU metric',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    path: 'spec.metrics',
    value: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    root: { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } },
    expected: 'default',
  },
  {
    name: 'HPA memory metric is a person',
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    path: 'spec.metrics.*.resource.name',
    value: 'memory',
    root: { spec: { metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }] } },
    expected: undefined,
  },
  { name: 'webhook failurePolicy', group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', path: 'webhooks.*.failurePolicy', value: 'Fail', expected: 'default' },
  { name: 'webhook failurePolicy Ignore is a person', group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', path: 'webhooks.*.failurePolicy', value: 'Ignore', expected: undefined },
  { name: 'webhook rule scope', group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', path: 'webhooks.*.rules.*.scope', value: '*', expected: 'default' },
  { name: 'mutating reinvocationPolicy', group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', path: 'webhooks.*.reinvocationPolicy', value: 'Never', expected: 'default' },
  { name: 'validating has no reinvocationPolicy', group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', path: 'webhooks.*.reinvocationPolicy', value: 'Never', expected: undefined },
  { name: 'CRD conversion', group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', path: 'spec.conversion', value: { strategy: 'None' }, expected: 'default' },
  {
    name: 'CRD listKind',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    path: 'spec.names.listKind',
    value: 'DriftWatchList',
    root: { spec: { names: { kind: 'DriftWatch' } } },
    expected: 'default',
  },
  {
    name: 'LimitRange default from max',
    kind: 'LimitRange',
    path: 'spec.limits.*.default.cpu',
    value: '2',
    root: { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { cpu: '2' }, defaultRequest: { cpu: '2' } }] } },
    expected: 'default',
  },
  {
    name: 'LimitRange default request other than default and min',
    kind: 'LimitRange',
    path: 'spec.limits.*.defaultRequest.cpu',
    value: '100m',
    root: { spec: { limits: [{ type: 'Container', default: { cpu: '2' }, defaultRequest: { cpu: '100m' } }] } },
    expected: undefined,
  },
  { name: 'CSIDriver attachRequired', group: 'storage.k8s.io', kind: 'CSIDriver', path: 'spec.attachRequired', value: true, expected: 'default' },
  { name: 'EndpointSlice port protocol', group: 'discovery.k8s.io', kind: 'EndpointSlice', path: 'ports.*.protocol', value: 'TCP', expected: 'default' },
  { name: 'PDB has no defaults', group: 'policy', kind: 'PodDisruptionBudget', path: 'spec.maxUnavailable', value: 1, expected: undefined },
  { name: 'ServiceAccount automount is a person', kind: 'ServiceAccount', path: 'automountServiceAccountToken', value: false, expected: undefined },
];

function run(c: Case) {
  const path = typeof c.path === 'string' ? c.path.split('.') : c.path;
  const root: KubeObject = { apiVersion: c.group ? `${c.group}/v1` : 'v1', kind: c.kind, metadata: { name: 'x' }, ...c.root } as KubeObject;
  return matchServerDefault({ group: c.group ?? '', kind: c.kind, path, value: c.value, parent: c.parent ?? {}, root });
}

describe('matchServerDefault', () => {
  const tables: [string, Case[]][] = [
    ['Deployment', deploymentCases],
    ['PodSpec', podSpecCases],
    ['Container', containerCases],
    ['probes', probeCases],
    ['volumes', volumeCases],
    ['workloads', workloadCases],
    ['Service', serviceCases],
    ['other kinds', otherCases],
  ];
  for (const [title, cases] of tables) {
    describe(title, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(run(c)?.reason).toBe(c.expected);
      });
    });
  }

  it('explains the conditional pull policy', () => {
    const match = run({ name: '', group: 'apps', kind: 'Deployment', path: `${CONTAINER}.imagePullPolicy`, value: 'IfNotPresent', parent: { image: 'nginx:1.27' }, expected: 'default' });
    expect(match?.detail).toBe('API server default for Container.imagePullPolicy (IfNotPresent for a pinned tag or digest)');
  });

  it('answers 10,000 lookups quickly', () => {
    const ctx = { group: 'apps', kind: 'Deployment', path: CONTAINER.split('.').concat('terminationMessagePath'), value: '/dev/termination-log', parent: {}, root: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } } };
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) matchServerDefault(ctx);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
