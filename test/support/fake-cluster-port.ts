import { createResourceCatalog, type ResourceInfo } from '../../src/cluster/index.js';
import type { LeasePort, LeaseRecord } from '../../src/controller/leader-election.js';
import type { ClusterPort, KubeEvent, WatchListener } from '../../src/controller/ports.js';
import type { KubeObject } from '../../src/model/kube-object.js';

const info = (group: string, version: string, kind: string, resource: string, namespaced = true): ResourceInfo => ({
  group,
  version,
  kind,
  resource,
  namespaced,
  verbs: ['get', 'list', 'watch'],
});

export const RESOURCES = {
  configMaps: info('', 'v1', 'ConfigMap', 'configmaps'),
  deployments: info('apps', 'v1', 'Deployment', 'deployments'),
  secrets: info('', 'v1', 'Secret', 'secrets'),
  driftWatches: info('driftback.dev', 'v1alpha1', 'DriftWatch', 'driftwatches'),
  driftPolicies: info('driftback.dev', 'v1alpha1', 'DriftPolicy', 'driftpolicies', false),
};

const idOf = (r: ResourceInfo) => `${r.group}/${r.resource}`;
const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** An in-memory cluster at the controller's port: watches deliver synchronously, writes are recorded. */
export class FakeClusterPort implements ClusterPort {
  readonly server = 'https://fake.cluster:6443';
  readonly stores = new Map<string, Map<string, KubeObject>>();
  readonly listeners = new Map<string, Set<WatchListener>>();
  readonly events: KubeEvent[] = [];
  readonly statuses: Array<{ namespace: string; name: string; status: Record<string, unknown> }> = [];
  readonly policyReports: KubeObject[] = [];
  readonly secrets = new Map<string, Record<string, string>>();
  readonly leaseRecords = new Map<string, { spec: LeaseRecord; version: number }>();
  activeWatches = 0;
  /** Resources whose watches report `synced` only when the test calls `sync`. */
  readonly deferredSync = new Set<string>();
  private readonly pendingSync = new Map<string, Array<() => void>>();

  async discover() {
    return createResourceCatalog(Object.values(RESOURCES));
  }

  watch(resource: ResourceInfo, listener: WatchListener) {
    const id = idOf(resource);
    const set = this.listeners.get(id) ?? new Set();
    this.listeners.set(id, set);
    set.add(listener);
    this.activeWatches++;
    for (const object of this.stores.get(id)?.values() ?? []) listener.upsert(object);
    if (this.deferredSync.has(resource.resource)) this.pendingSync.set(id, [...(this.pendingSync.get(id) ?? []), () => listener.synced()]);
    else listener.synced();
    return {
      stop: async () => {
        if (set.delete(listener)) this.activeWatches--;
      },
    };
  }

  sync(resource: ResourceInfo): void {
    for (const done of this.pendingSync.get(idOf(resource)) ?? []) done();
    this.pendingSync.delete(idOf(resource));
  }

  put(resource: ResourceInfo, object: KubeObject): void {
    const store = this.stores.get(idOf(resource)) ?? new Map();
    this.stores.set(idOf(resource), store);
    store.set(keyOf(object), object);
    for (const l of this.listeners.get(idOf(resource)) ?? []) l.upsert(object);
  }

  delete(resource: ResourceInfo, object: KubeObject): void {
    this.stores.get(idOf(resource))?.delete(keyOf(object));
    for (const l of this.listeners.get(idOf(resource)) ?? []) l.remove(object);
  }

  async readSecret(namespace: string, name: string) {
    return this.secrets.get(`${namespace}/${name}`);
  }

  async writeStatus(_resource: ResourceInfo, namespace: string, name: string, status: object) {
    this.statuses.push({ namespace, name, status: status as Record<string, unknown> });
  }

  async recordEvent(event: KubeEvent) {
    this.events.push(event);
  }

  async applyPolicyReport(_namespace: string | undefined, report: KubeObject) {
    this.policyReports.push(report);
    return true;
  }

  lease(namespace: string, name: string): LeasePort {
    const key = `${namespace}/${name}`;
    return {
      get: async () => {
        const r = this.leaseRecords.get(key);
        return r ? { spec: r.spec, resourceVersion: String(r.version) } : undefined;
      },
      create: async (spec) => void this.leaseRecords.set(key, { spec, version: 1 }),
      replace: async (spec, version) => {
        const r = this.leaseRecords.get(key)!;
        if (String(r.version) !== version) throw new Error('conflict');
        this.leaseRecords.set(key, { spec, version: r.version + 1 });
      },
    };
  }

  lastStatus(namespace: string, name: string): Record<string, unknown> | undefined {
    return [...this.statuses].reverse().find((s) => s.namespace === namespace && s.name === name)?.status;
  }
}
