/**
 * Minimal objects of every kind the server-defaults table knows, each holding the parents of the
 * fields the table says the API server fills in (probes, handlers, volumes of every source, env
 * selectors, ...), so that creating them through a real kube-apiserver shows every default.
 */
import type { KubeObject } from '../../src/model/index.js';

export const NAMESPACE = 'conformance';

const container = (name: string, image: string) => ({
  name,
  image,
  ports: [{ containerPort: 8080 }],
  env: [
    { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
  ],
  livenessProbe: { httpGet: { port: 8080 } },
  readinessProbe: { grpc: { port: 9090 } },
  startupProbe: { tcpSocket: { port: 8080 } },
  lifecycle: { postStart: { httpGet: { port: 8080 } }, preStop: { httpGet: { port: 8080 } } },
});

const podSpec = () => ({
  containers: [container('app', 'ghcr.io/acme/app:1.0.0'), container('edge', 'ghcr.io/acme/edge')],
  initContainers: [{ name: 'init', image: 'busybox:latest' }],
  volumes: [
    { name: 'scratch' },
    { name: 'config', configMap: { name: 'config' } },
    { name: 'secret', secret: { secretName: 'secret' } },
    {
      name: 'projected',
      projected: {
        sources: [
          { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }, { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } },
          { serviceAccountToken: { path: 'token' } },
        ],
      },
    },
    { name: 'downward', downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }, { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } },
    { name: 'host', hostPath: { path: '/var/log' } },
    { name: 'iscsi', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
    { name: 'rbd', rbd: { monitors: ['10.0.0.1:6789'], image: 'disk' } },
    { name: 'azure', azureDisk: { diskName: 'disk', diskURI: 'https://acme.blob.core.windows.net/vhds/disk.vhd' } },
    { name: 'ephemeral', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
  ],
});

const template = (app: string) => ({ metadata: { labels: { app } }, spec: podSpec() });
const meta = (name: string) => ({ name, namespace: NAMESPACE });

const webhook = (name: string) => ({
  name,
  clientConfig: { service: { name: 'hooks', namespace: NAMESPACE } },
  rules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
});

/**
 * Created for real before the corpus: the namespace with its default ServiceAccount (the token
 * controller is not running), and what makes the defaulting admission plugins act: a default
 * IngressClass, a default StorageClass and a LimitRange with container defaults.
 */
export const CLUSTER_SETUP: readonly KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: NAMESPACE } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'standard', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'example.com/ingress' },
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'example.com/disk',
  },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'container-defaults', namespace: NAMESPACE },
    spec: { limits: [{ type: 'Container', default: { memory: '256Mi' }, defaultRequest: { memory: '128Mi' } }] },
  },
];

export const DEFAULTS_CORPUS: readonly KubeObject[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('deployment'), spec: { selector: { matchLabels: { app: 'd' } }, template: template('d') } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('statefulset'),
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 's' } },
      template: template('s'),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('daemonset'), spec: { selector: { matchLabels: { app: 'ds' } }, template: template('ds') } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('replicaset'), spec: { selector: { matchLabels: { app: 'rs' } }, template: template('rs') } },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc'), spec: { template: template('rc') } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job'), spec: { template: { spec: { ...podSpec(), restartPolicy: 'Never' } } } },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('job-with-failure-policy'),
    spec: {
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], restartPolicy: 'Never' } },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('cronjob'),
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'OnFailure' } } } } },
  },
  { apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('podtemplate'), template: template('pt') },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('pod'),
    spec: { ...podSpec(), containers: [{ ...container('app', 'ghcr.io/acme/app:1.0.0'), resources: { limits: { cpu: '500m', memory: '128Mi' } } }] },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('pod-host-network'), spec: { hostNetwork: true, containers: [container('app', 'ghcr.io/acme/app:1.0.0')] } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('service-clusterip'), spec: { selector: { app: 'd' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('service-nodeport'), spec: { type: 'NodePort', selector: { app: 'd' }, ports: [{ port: 80 }] } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('service-loadbalancer'),
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'd' }, ports: [{ port: 80 }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('service-externalname'), spec: { type: 'ExternalName', externalName: 'db.example.com' } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('service-headless'), spec: { clusterIP: 'None', selector: { app: 's' }, ports: [{ port: 5432 }] } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('service-affinity'),
    spec: { sessionAffinity: 'ClientIP', externalIPs: ['192.0.2.10'], selector: { app: 'd' }, ports: [{ port: 80 }] },
  },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('endpoints'), subsets: [{ addresses: [{ ip: '10.1.0.1' }], ports: [{ port: 80 }] }] },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta('endpointslice'),
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.1.0.1'] }],
    ports: [{ port: 80 }],
  },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('secret'), data: { key: 'dmFsdWU=' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'conformance-namespace' } },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('limits'),
    spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('claim'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'conformance-volume' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
  },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'conformance-class' }, provisioner: 'example.com/disk' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'disk.conformance.example.com' }, spec: {} },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('ingress-only'),
    spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('with-egress'),
    spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }], egress: [{ ports: [{ port: 53 }] }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('ingress'),
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('binding'),
    roleRef: { kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'sre' }, { kind: 'ServiceAccount', name: 'default', namespace: NAMESPACE }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'conformance-binding' },
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'Group', name: 'sre' }],
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('hpa'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment' }, maxReplicas: 5 },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('hpa-behavior'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment' }, maxReplicas: 5, behavior: {} },
  },
  {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('hpa-v1'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment' }, maxReplicas: 5 },
  },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'conformance-priority' }, value: 1000 },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'conformance-validating' },
    webhooks: [webhook('validate.conformance.example.com')],
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'conformance-mutating' },
    webhooks: [webhook('mutate.conformance.example.com')],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.conformance.example.com' },
    spec: {
      group: 'conformance.example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.conformance.example.com' },
    spec: {
      group: 'conformance.example.com',
      scope: 'Namespaced',
      names: { plural: 'gadgets', kind: 'Gadget', singular: 'gadget', listKind: 'GadgetList' },
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'convert', namespace: NAMESPACE } } } },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  },
];
