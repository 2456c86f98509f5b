/**
 * Deterministic Git manifests beside the live objects a real API server (1.30-1.34) returns for
 * them after `kubectl apply`: defaults, metadata bookkeeping, managedFields whose
 * kubectl-client-side-apply entry also owns the defaulted fields (an Update operation owns every
 * field its write changed), controller entries and status. `opts.drift` applies one hand edit,
 * chosen by `i`, with the managedFields entry of the tool that makes it; `expected` holds the
 * changes a correct diff reports. Used by fixture tests, the benchmark and the demo.
 */
import type { Change, JsonObject, JsonValue, KubeObject, ManagedFieldsEntry } from '../../src/model/index.js';
import { isJsonObject } from '../../src/model/index.js';

export interface RealisticOptions {
  /** Apply a hand edit to live (which one depends on `i`, hashed). */
  drift?: boolean;
  namespace?: string;
  /** Leave managedFields out, as some tools strip them; default true. */
  managedFields?: boolean;
}

export interface RealisticPair {
  git: KubeObject;
  live: KubeObject;
  /** The changes a correct diff reports: `[]` without drift. */
  expected: Change[];
}

const BASE_TIME = Date.UTC(2026, 10, 20, 9, 0, 0);
const APPLY = 'kubectl-client-side-apply';
const CONTROLLER = 'kube-controller-manager';

function time(i: number, offsetSeconds = 0): string {
  return new Date(BASE_TIME + (i * 60 + offsetSeconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Which hand edit object `i` gets: hashed, so callers that drift every n-th object still see all kinds. */
function variant(i: number, kinds: number): number {
  return (Math.imul(i + 1, 2654435761) >>> 16) % kinds;
}

function uid(kindCode: number, i: number): string {
  const hex = (kindCode * 1_000_000 + i).toString(16).padStart(12, '0');
  return `6f1c2a8e-4d2b-4c1e-9a7f-${hex}`;
}

// ---------------------------------------------------------------------------------------------
// managedFields

/** Lists merged by key (`k:{...}` in fieldsV1), as the structured-merge-diff schema declares. */
function listKey(field: string, element: JsonObject): Record<string, JsonValue> | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return { name: element['name'] ?? null };
    case 'volumeMounts':
      return { mountPath: element['mountPath'] ?? null };
    case 'ports':
      return 'containerPort' in element
        ? { containerPort: element['containerPort'] ?? null, protocol: element['protocol'] ?? 'TCP' }
        : { port: element['port'] ?? null, protocol: element['protocol'] ?? 'TCP' };
    default:
      return undefined;
  }
}

/** Fields recorded as one leaf (`+structType=atomic`, `+listType=atomic`). */
function isAtomic(kind: string, path: readonly string[]): boolean {
  const field = path[path.length - 1] ?? '';
  if (field === 'selector') return kind !== 'Service';
  return ['args', 'command', 'accessModes', 'tolerations', 'ipFamilies', 'clusterIPs', 'volumeClaimTemplates', 'matchExpressions', 'items'].includes(field);
}

/** Non-pointer structs carry no `.` entry of their own. */
const VALUE_STRUCTS = new Set(['spec', 'metadata', 'template', 'strategy', 'updateStrategy', 'resources', 'status', 'jobTemplate']);

function fieldsOf(kind: string, value: JsonObject, path: string[]): JsonObject {
  const fields: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    // A null (the template's creationTimestamp) is no field of anyone's.
    if (child !== null) fields[`f:${key}`] = fieldsOfValue(kind, child, [...path, key]);
  }
  return fields;
}

function fieldsOfValue(kind: string, value: JsonValue, path: string[]): JsonObject {
  const field = path[path.length - 1] ?? '';
  if (isAtomic(kind, path)) return {};
  if (Array.isArray(value)) {
    const elements = value.filter(isJsonObject);
    if (elements.length === 0 || elements.length !== value.length) return {};
    const keyed = elements.map((element) => listKey(field, element));
    if (keyed.some((k) => k === undefined)) return {};
    const fields: JsonObject = field === 'containers' || field === 'initContainers' ? {} : { '.': {} };
    elements.forEach((element, i) => {
      fields[`k:${JSON.stringify(keyed[i])}`] = { '.': {}, ...fieldsOf(kind, element, [...path, '*']) };
    });
    return fields;
  }
  if (!isJsonObject(value) || Object.keys(value).length === 0) return {};
  const nested = fieldsOf(kind, value, path);
  return VALUE_STRUCTS.has(field) ? nested : { '.': {}, ...nested };
}

/** fieldsV1 owning every field of `fields` (a partial object shaped like the live one). */
export function fieldsV1Of(kind: string, fields: JsonObject): JsonObject {
  return fieldsOf(kind, fields, []);
}

export function managedFieldsEntry(
  manager: string,
  apiVersion: string,
  fieldsV1: JsonObject,
  at: string,
  subresource?: string,
): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = { manager, operation: 'Update', apiVersion, time: at, fieldsType: 'FieldsV1', fieldsV1 };
  if (subresource) entry.subresource = subresource;
  return entry;
}

/** fieldsV1 of an edit to one pod-template container: the container itself is not the editor's. */
export function containerFields(container: string, fields: JsonObject): JsonObject {
  return { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { [`k:${JSON.stringify({ name: container })}`]: fields } } } } };
}

// ---------------------------------------------------------------------------------------------
// building blocks

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key] as JsonValue);
  return sorted;
}

/** kubectl writes the annotation with Go's map ordering: keys sorted. */
function lastApplied(git: KubeObject): string {
  return JSON.stringify(sortKeys(git as unknown as JsonObject));
}

/** The live metadata: Git's plus the server's bookkeeping, in the order the server writes it. */
function liveMetadata(git: KubeObject, kindCode: number, i: number, extraAnnotations: Record<string, string> = {}): KubeObject['metadata'] {
  return {
    annotations: { ...extraAnnotations, 'kubectl.kubernetes.io/last-applied-configuration': `${lastApplied(git)}\n`, ...git.metadata.annotations },
    creationTimestamp: time(i),
    generation: 1,
    ...(git.metadata.labels ? { labels: { ...git.metadata.labels } } : {}),
    name: git.metadata.name,
    namespace: git.metadata.namespace,
    resourceVersion: String(100_000 + kindCode * 20_000 + i * 7),
    uid: uid(kindCode, i),
  };
}

/** What kubectl-client-side-apply owns after creating: Git's fields, the defaults and its annotation. */
function applyEntry(kind: string, apiVersion: string, owned: JsonObject, i: number): ManagedFieldsEntry {
  return managedFieldsEntry(APPLY, apiVersion, fieldsV1Of(kind, owned), time(i));
}

function withoutBookkeeping(meta: KubeObject['metadata']): JsonObject {
  const labels = meta.labels;
  const annotations = { ...meta.annotations };
  delete annotations['deployment.kubernetes.io/revision'];
  return { metadata: { annotations, ...(labels ? { labels } : {}) } };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------
// Deployment

function gitDeployment(i: number, namespace: string): KubeObject {
  const name = `web-${i}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name, 'app.kubernetes.io/part-of': 'shop' } },
    spec: {
      replicas: 2 + (i % 3),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, 'app.kubernetes.io/part-of': 'shop' } },
        spec: {
          serviceAccountName: 'web',
          containers: [
            {
              name: 'web',
              image: `registry.example.com/shop/web:1.${i % 20}.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
              volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: `web-${i}-config` } }],
        },
      },
    },
  };
}

function liveDeploymentSpec(git: KubeObject): JsonObject {
  const spec = clone(git['spec']) as JsonObject;
  const template = spec['template'] as JsonObject;
  const podSpec = template['spec'] as JsonObject;
  const container = (podSpec['containers'] as JsonObject[])[0] as JsonObject;
  const env = container['env'] as JsonObject[];
  ((env[1] as JsonObject)['valueFrom'] as { fieldRef: JsonObject }).fieldRef = { apiVersion: 'v1', fieldPath: 'metadata.name' };
  const ports = container['ports'] as JsonObject[];
  (ports[0] as JsonObject)['protocol'] = 'TCP';
  container['imagePullPolicy'] = 'IfNotPresent';
  container['readinessProbe'] = {
    failureThreshold: 3,
    httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
  };
  container['terminationMessagePath'] = '/dev/termination-log';
  container['terminationMessagePolicy'] = 'File';
  const volume = (podSpec['volumes'] as JsonObject[])[0] as JsonObject;
  (volume['configMap'] as JsonObject)['defaultMode'] = 420;
  return {
    progressDeadlineSeconds: 600,
    replicas: spec['replicas'] ?? 1,
    revisionHistoryLimit: 10,
    selector: spec['selector'] ?? null,
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template: {
      metadata: { creationTimestamp: null, labels: (template['metadata'] as JsonObject)['labels'] ?? null },
      spec: {
        containers: [container],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: podSpec['serviceAccountName'] ?? null,
        serviceAccountName: podSpec['serviceAccountName'] ?? null,
        terminationGracePeriodSeconds: 30,
        volumes: podSpec['volumes'] ?? null,
      },
    },
  };
}

export function makeDeployment(i: number, opts: RealisticOptions = {}): RealisticPair {
  const git = gitDeployment(i, opts.namespace ?? `team-${i % 10}`);
  const spec = liveDeploymentSpec(git);
  const replicas = spec['replicas'] as number;
  const live: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: liveMetadata(git, 1, i, { 'deployment.kubernetes.io/revision': '1' }),
    spec,
    status: {
      availableReplicas: replicas,
      conditions: [
        { lastTransitionTime: time(i, 20), lastUpdateTime: time(i, 20), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
        { lastTransitionTime: time(i, 1), lastUpdateTime: time(i, 20), message: `ReplicaSet "${git.metadata.name}-7c9d8f6b5d" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
      ],
      observedGeneration: 1,
      readyReplicas: replicas,
      replicas,
      updatedReplicas: replicas,
    },
  };
  const applyOwned: JsonObject = { ...withoutBookkeeping(live.metadata), spec: clone(spec) };
  const edits: ManagedFieldsEntry[] = [];
  const expected: Change[] = [];
  if (opts.drift) applyDeploymentDrift(i, live, edits, applyOwned, expected);
  live.metadata.managedFields = [
    applyEntry('Deployment', 'apps/v1', applyOwned, i),
    managedFieldsEntry(CONTROLLER, 'apps/v1', { 'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } } }, time(i, 20)),
    managedFieldsEntry(CONTROLLER, 'apps/v1', fieldsV1Of('Deployment', { status: live['status'] as JsonObject }), time(i, 20), 'status'),
    ...edits,
  ];
  return finish(git, live, expected, opts);
}

function applyDeploymentDrift(i: number, live: KubeObject, entries: ManagedFieldsEntry[], applyOwned: JsonObject, expected: Change[]): void {
  const spec = live['spec'] as JsonObject;
  const container = (((spec['template'] as JsonObject)['spec'] as JsonObject)['containers'] as JsonObject[])[0] as JsonObject;
  const at = time(i, 3600);
  live.metadata.generation = 2;
  switch (variant(i, 4)) {
    case 0: {
      const before = spec['replicas'] as number;
      spec['replicas'] = before + 3;
      delete (applyOwned['spec'] as JsonObject)['replicas'];
      entries.push(managedFieldsEntry('kubectl', 'autoscaling/v1', { 'f:spec': { 'f:replicas': {} } }, at, 'scale'));
      expected.push({ op: 'replace', path: '/spec/replicas', baseline: before, live: before + 3 });
      break;
    }
    case 1: {
      const before = container['image'] as string;
      container['image'] = before.replace(/:[^:]+$/, ':hotfix');
      const owned = (((applyOwned['spec'] as JsonObject)['template'] as JsonObject)['spec'] as { containers: JsonObject[] }).containers[0] as JsonObject;
      delete owned['image'];
      entries.push(managedFieldsEntry('kubectl-set', 'apps/v1', containerFields('web', { 'f:image': {} }), at));
      expected.push({ op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: before, live: container['image'] });
      break;
    }
    case 2: {
      const added = { name: 'DEBUG', value: 'true' };
      (container['env'] as JsonObject[]).push(added);
      entries.push(managedFieldsEntry('kubectl-edit', 'apps/v1', containerFields('web', { 'f:env': { 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } } }), at));
      expected.push({ op: 'add', path: '/spec/template/spec/containers/0/env/2', live: added });
      break;
    }
    default: {
      live.metadata.generation = 1;
      live.metadata.labels = { ...live.metadata.labels, oncall: 'team-b' };
      entries.push(managedFieldsEntry('kubectl-label', 'apps/v1', { 'f:metadata': { 'f:labels': { 'f:oncall': {} } } }, at));
      expected.push({ op: 'add', path: '/metadata/labels/oncall', live: 'team-b' });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Service

function clusterIpFor(i: number): string {
  return `10.96.${(i >> 8) & 255}.${(i & 253) + 1}`;
}

export function makeService(i: number, opts: RealisticOptions = {}): RealisticPair {
  const name = `web-${i}`;
  const git: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: opts.namespace ?? `team-${i % 10}`, labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  const ip = clusterIpFor(i);
  const spec: JsonObject = {
    clusterIP: ip,
    clusterIPs: [ip],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
    selector: { app: name },
    sessionAffinity: 'None',
    type: 'ClusterIP',
  };
  const live: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: liveMetadata(git, 2, i), spec, status: { loadBalancer: {} } };
  delete live.metadata.generation;
  const applySpec = clone(spec);
  delete applySpec['clusterIP'];
  delete applySpec['clusterIPs'];
  delete applySpec['ipFamilies'];
  delete applySpec['ipFamilyPolicy'];
  // The registry allocates IPs after the field manager has recorded the create: nobody owns them.
  const entries = [applyEntry('Service', 'v1', { ...withoutBookkeeping(live.metadata), spec: applySpec }, i)];
  const expected: Change[] = [];
  if (opts.drift) {
    const at = time(i, 3600);
    if (variant(i, 2) === 0) {
      const added = { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 };
      (spec['ports'] as JsonObject[]).push(added);
      entries.push(managedFieldsEntry('kubectl-edit', 'v1', { 'f:spec': { 'f:ports': { 'k:{"port":9090,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } } } }, at));
      expected.push({ op: 'add', path: '/spec/ports/1', live: added });
    } else {
      live.metadata.annotations = { ...live.metadata.annotations, 'prometheus.io/scrape': 'true' };
      entries.push(managedFieldsEntry('kubectl-annotate', 'v1', { 'f:metadata': { 'f:annotations': { 'f:prometheus.io/scrape': {} } } }, at));
      expected.push({ op: 'add', path: '/metadata/annotations/prometheus.io~1scrape', live: 'true' });
    }
  }
  live.metadata.managedFields = entries;
  return finish(git, live, expected, opts);
}

// ---------------------------------------------------------------------------------------------
// ConfigMap

export function makeConfigMap(i: number, opts: RealisticOptions = {}): RealisticPair {
  const git: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `web-${i}-config`, namespace: opts.namespace ?? `team-${i % 10}`, labels: { app: `web-${i}` } },
    data: { LOG_LEVEL: 'info', FEATURE_CHECKOUT_V2: i % 2 === 0 ? 'true' : 'false', 'app.properties': `cache.size=${64 * (1 + (i % 4))}\nregion=eu-west-1\n` },
  };
  const live: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', data: clone(git['data']) as JsonObject, metadata: liveMetadata(git, 3, i) };
  delete live.metadata.generation;
  const applyData = clone(live['data']) as JsonObject;
  const entries = [applyEntry('ConfigMap', 'v1', { data: applyData, ...withoutBookkeeping(live.metadata) }, i)];
  const expected: Change[] = [];
  if (opts.drift) {
    const data = live['data'] as JsonObject;
    const at = time(i, 3600);
    if (variant(i, 2) === 0) {
      data['FEATURE_SEARCH'] = 'on';
      entries.push(managedFieldsEntry('kubectl-edit', 'v1', { 'f:data': { 'f:FEATURE_SEARCH': {} } }, at));
      expected.push({ op: 'add', path: '/data/FEATURE_SEARCH', live: 'on' });
    } else {
      data['LOG_LEVEL'] = 'debug';
      delete applyData['LOG_LEVEL'];
      entries[0] = applyEntry('ConfigMap', 'v1', { data: applyData, ...withoutBookkeeping(live.metadata) }, i);
      entries.push(managedFieldsEntry('kubectl-patch', 'v1', { 'f:data': { 'f:LOG_LEVEL': {} } }, at));
      expected.push({ op: 'replace', path: '/data/LOG_LEVEL', baseline: 'info', live: 'debug' });
    }
  }
  live.metadata.managedFields = entries;
  return finish(git, live, expected, opts);
}

// ---------------------------------------------------------------------------------------------
// StatefulSet

export function makeStatefulSet(i: number, opts: RealisticOptions = {}): RealisticPair {
  const name = `db-${i}`;
  const git: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: opts.namespace ?? `team-${i % 10}`, labels: { app: name } },
    spec: {
      serviceName: name,
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'postgres',
              image: 'postgres:16.4',
              ports: [{ name: 'pg', containerPort: 5432 }],
              env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }],
              resources: { requests: { cpu: '250m', memory: '512Mi' } },
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
              livenessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 20 },
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
    },
  };
  const container = clone((((git['spec'] as JsonObject)['template'] as JsonObject)['spec'] as { containers: JsonObject[] }).containers[0]) as JsonObject;
  ((container['ports'] as JsonObject[])[0] as JsonObject)['protocol'] = 'TCP';
  container['imagePullPolicy'] = 'IfNotPresent';
  container['livenessProbe'] = { exec: { command: ['pg_isready', '-U', 'postgres'] }, failureThreshold: 3, periodSeconds: 20, successThreshold: 1, timeoutSeconds: 1 };
  container['terminationMessagePath'] = '/dev/termination-log';
  container['terminationMessagePolicy'] = 'File';
  const spec: JsonObject = {
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    podManagementPolicy: 'OrderedReady',
    replicas: 3,
    revisionHistoryLimit: 10,
    selector: { matchLabels: { app: name } },
    serviceName: name,
    template: {
      metadata: { creationTimestamp: null, labels: { app: name } },
      spec: {
        containers: [container],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    },
    updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { creationTimestamp: null, name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ],
  };
  const revision = `${name}-5d8f7c9b4f`;
  const live: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: liveMetadata(git, 4, i),
    spec,
    status: {
      availableReplicas: 3,
      collisionCount: 0,
      currentReplicas: 3,
      currentRevision: revision,
      observedGeneration: 1,
      readyReplicas: 3,
      replicas: 3,
      updateRevision: revision,
      updatedReplicas: 3,
    },
  };
  const entries = [
    applyEntry('StatefulSet', 'apps/v1', { ...withoutBookkeeping(live.metadata), spec: clone(spec) }, i),
    managedFieldsEntry(CONTROLLER, 'apps/v1', fieldsV1Of('StatefulSet', { status: live['status'] as JsonObject }), time(i, 45), 'status'),
  ];
  const expected: Change[] = [];
  if (opts.drift) {
    const at = time(i, 3600);
    live.metadata.generation = 2;
    if (variant(i, 2) === 0) {
      container['securityContext'] = { runAsUser: 0 };
      entries.push(managedFieldsEntry('kubectl-patch', 'apps/v1', containerFields('postgres', { 'f:securityContext': { '.': {}, 'f:runAsUser': {} } }), at));
      expected.push({ op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsUser', live: 0 });
    } else {
      container['image'] = 'postgres:16.6';
      entries.push(managedFieldsEntry('kubectl-edit', 'apps/v1', containerFields('postgres', { 'f:image': {} }), at));
      expected.push({ op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'postgres:16.4', live: 'postgres:16.6' });
    }
  }
  live.metadata.managedFields = entries;
  return finish(git, live, expected, opts);
}

function finish(git: KubeObject, live: KubeObject, expected: Change[], opts: RealisticOptions): RealisticPair {
  if (opts.managedFields === false) delete live.metadata.managedFields;
  return { git, live, expected };
}
