/**
 * What the API server, its controllers and `kubectl apply` keep in an object for themselves.
 * Differences here are never drift, whichever side has them.
 *
 * `kubectl.kubernetes.io/restartedAt` is deliberately absent: `kubectl rollout restart` is a
 * person's action, reported as a restart (who and when) by walk.ts rather than as bookkeeping.
 */
export const SERVER_METADATA_FIELDS: ReadonlyMap<string, string> = new Map([
  ['managedFields', 'field ownership kept by the API server'],
  ['resourceVersion', 'set by the API server on every write'],
  ['uid', 'assigned by the API server'],
  ['generation', 'counted by the API server'],
  ['creationTimestamp', 'set by the API server'],
  ['selfLink', 'set by older API servers'],
  ['deletionTimestamp', 'set by the API server while the object is deleted'],
  ['deletionGracePeriodSeconds', 'set by the API server while the object is deleted'],
]);

type MetadataMap = 'labels' | 'annotations';

interface KeyRule {
  map: MetadataMap;
  key: string;
  prefix?: true;
  kinds?: readonly string[];
  /** Only on the object's own metadata, not a pod template's. */
  topLevel?: true;
  except?: readonly string[];
  detail: string;
}

const KEY_RULES: readonly KeyRule[] = [
  { map: 'annotations', key: 'kubectl.kubernetes.io/last-applied-configuration', detail: 'kept by kubectl apply' },
  { map: 'annotations', key: 'deployment.kubernetes.io/', prefix: true, detail: 'kept by the Deployment controller' },
  { map: 'annotations', key: 'endpoints.kubernetes.io/last-change-trigger-time', detail: 'kept by the Endpoints controller' },
  { map: 'annotations', key: 'control-plane.alpha.kubernetes.io/leader', detail: 'leader-election record' },
  { map: 'annotations', key: 'pv.kubernetes.io/', prefix: true, detail: 'kept by the volume binder' },
  {
    map: 'annotations',
    key: 'volume.beta.kubernetes.io/',
    prefix: true,
    // These two are set by people (the pre-storageClassName way of choosing a class).
    except: ['volume.beta.kubernetes.io/storage-class', 'volume.beta.kubernetes.io/mount-options'],
    detail: 'kept by the volume provisioner',
  },
  { map: 'annotations', key: 'volume.kubernetes.io/storage-provisioner', detail: 'kept by the volume provisioner' },
  { map: 'annotations', key: 'volume.kubernetes.io/selected-node', detail: 'kept by the scheduler' },
  { map: 'annotations', key: 'autoscaling.alpha.kubernetes.io/', prefix: true, detail: 'HPA status kept in annotations' },
  { map: 'annotations', key: 'batch.kubernetes.io/', prefix: true, detail: 'kept by the Job and CronJob controllers' },
  { map: 'annotations', key: 'deprecated.daemonset.template.generation', detail: 'kept by the DaemonSet controller' },
  // Only the uid: `kubernetes.io/service-account.name` is what a person writes to ask for a token.
  { map: 'annotations', key: 'kubernetes.io/service-account.uid', detail: 'kept by the token controller' },
  { map: 'labels', key: 'kubernetes.io/metadata.name', kinds: ['Namespace'], topLevel: true, detail: 'set by the API server' },
  { map: 'labels', key: 'pod-template-hash', detail: 'set by the Deployment controller' },
  { map: 'labels', key: 'controller-revision-hash', detail: 'set by the StatefulSet and DaemonSet controllers' },
  { map: 'labels', key: 'statefulset.kubernetes.io/', prefix: true, detail: 'set by the StatefulSet controller' },
  { map: 'labels', key: 'batch.kubernetes.io/', prefix: true, detail: 'set by the Job controller' },
  { map: 'labels', key: 'controller-uid', kinds: ['Job'], detail: 'set by the Job controller' },
  { map: 'labels', key: 'job-name', kinds: ['Job'], detail: 'set by the Job controller' },
];

const exactRules = { labels: new Map<string, KeyRule[]>(), annotations: new Map<string, KeyRule[]>() };
const prefixRules: KeyRule[] = [];
for (const rule of KEY_RULES) {
  if (rule.prefix) prefixRules.push(rule);
  else exactRules[rule.map].set(rule.key, [...(exactRules[rule.map].get(rule.key) ?? []), rule]);
}

function applies(rule: KeyRule, kind: string, topLevel: boolean): boolean {
  return (!rule.kinds || rule.kinds.includes(kind)) && (!rule.topLevel || topLevel);
}

/** The reason a label or annotation key is bookkeeping, or undefined when a person's key. */
export function bookkeepingKey(map: MetadataMap, key: string, kind: string, topLevel: boolean): string | undefined {
  for (const rule of exactRules[map].get(key) ?? []) {
    if (applies(rule, kind, topLevel)) return `${key}: ${rule.detail}`;
  }
  for (const rule of prefixRules) {
    if (rule.map === map && key.startsWith(rule.key) && !rule.except?.includes(key) && applies(rule, kind, topLevel)) {
      return `${key}: ${rule.detail}`;
    }
  }
  return undefined;
}

/**
 * For a path inside labels or annotations (`…/metadata/annotations/<key>`), the bookkeeping reason
 * of that key; undefined elsewhere.
 */
export function bookkeepingAt(path: readonly string[], kind: string): string | undefined {
  const n = path.length;
  if (n < 3 || path[n - 3] !== 'metadata') return undefined;
  const map = path[n - 2];
  if (map !== 'labels' && map !== 'annotations') return undefined;
  return bookkeepingKey(map, path[n - 1] as string, kind, n === 3);
}
