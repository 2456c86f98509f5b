import { trimWatchedObject, type ResourceInfo } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import { objectKey } from '../model/object-ref.js';
import type { ClusterPort, WatchHandle } from './ports.js';

export type LiveChange = { key: string; object: KubeObject | undefined; at: number };

interface SharedWatch {
  resource: ResourceInfo;
  handle: WatchHandle;
  owners: Set<string>;
  synced: boolean;
  keys: Set<string>;
  /** The last failure of a watch that has not synced since, e.g. 403 from RBAC. */
  failure?: Error;
}

/** One key per watched resource, whatever its version. */
export function resourceId(resource: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return resource.group === '' ? resource.resource : `${resource.resource}.${resource.group}`;
}

/**
 * One list-watch per resource, shared by every DriftWatch that needs it and stopped when the
 * last one lets go. The cache keeps only what the diff and attribution read: status and the
 * last-applied annotation (a second copy of the whole object) are dropped on the way in.
 */
export class LiveCache {
  private readonly watches = new Map<string, SharedWatch>();
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<(change: LiveChange) => void>();

  constructor(
    private readonly cluster: Pick<ClusterPort, 'watch'>,
    private readonly now: () => number = Date.now,
    private readonly onRestart?: (resource: string, reason: string) => void,
  ) {}

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  get size(): number {
    return this.objects.size;
  }

  subscribe(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes `owner` hold exactly these resources: starts missing watches, stops unused ones. */
  async hold(owner: string, resources: readonly ResourceInfo[]): Promise<void> {
    const wanted = new Set(resources.map(resourceId));
    for (const resource of resources) this.acquire(owner, resource);
    const released = [...this.watches.entries()].filter(([id, w]) => w.owners.has(owner) && !wanted.has(id));
    await Promise.all(released.map(([id]) => this.release(owner, id)));
  }

  /**
   * Makes `owner` hold these resources too, releasing none; returns those it did not hold before,
   * for `let go` to undo.
   */
  add(owner: string, resources: readonly ResourceInfo[]): ResourceInfo[] {
    const added = resources.filter((resource) => !this.watches.get(resourceId(resource))?.owners.has(owner));
    for (const resource of added) this.acquire(owner, resource);
    return added;
  }

  /** Makes `owner` let go of these resources; a watch nobody holds any more stops. */
  async letGo(owner: string, resources: readonly ResourceInfo[]): Promise<void> {
    await Promise.all(resources.map((resource) => this.release(owner, resourceId(resource))));
  }

  /** The cached objects of one watched resource. */
  objectsOf(resource: ResourceInfo): KubeObject[] {
    const keys = this.watches.get(resourceId(resource))?.keys ?? [];
    return [...keys].map((key) => this.objects.get(key)).filter((object): object is KubeObject => object !== undefined);
  }

  isSynced(resources: readonly ResourceInfo[]): boolean {
    return resources.every((r) => this.watches.get(resourceId(r))?.synced === true);
  }

  /** Why the first of these resources that has not synced cannot, when its watch said so. */
  failureOf(resources: readonly ResourceInfo[]): Error | undefined {
    for (const resource of resources) {
      const shared = this.watches.get(resourceId(resource));
      if (shared && !shared.synced && shared.failure) return shared.failure;
    }
    return undefined;
  }

  allSynced(): boolean {
    return [...this.watches.values()].every((w) => w.synced);
  }

  watchedResources(): string[] {
    return [...this.watches.keys()].sort();
  }

  async stop(): Promise<void> {
    const all = [...this.watches.values()];
    this.watches.clear();
    await Promise.all(all.map((w) => w.handle.stop()));
  }

  private acquire(owner: string, resource: ResourceInfo): void {
    const id = resourceId(resource);
    const existing = this.watches.get(id);
    if (existing) {
      existing.owners.add(owner);
      return;
    }
    const shared: SharedWatch = { resource, owners: new Set([owner]), synced: false, keys: new Set(), handle: { stop: async () => {} } };
    this.watches.set(id, shared);
    shared.handle = this.cluster.watch(resource, {
      upsert: (object) => this.store(shared, object),
      remove: (object) => this.forget(shared, object),
      synced: () => {
        shared.synced = true;
        shared.failure = undefined;
      },
      restarted: (reason) => this.onRestart?.(id, reason),
      failed: (error) => void (shared.failure = error),
    });
  }

  private async release(owner: string, id: string): Promise<void> {
    const shared = this.watches.get(id);
    if (!shared) return;
    shared.owners.delete(owner);
    if (shared.owners.size > 0) return;
    this.watches.delete(id);
    for (const key of shared.keys) this.objects.delete(key);
    await shared.handle.stop();
  }

  private store(shared: SharedWatch, object: KubeObject): void {
    const key = objectKey({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
    const trimmed = trimWatchedObject(object);
    shared.keys.add(key);
    this.objects.set(key, trimmed);
    this.emit({ key, object: trimmed, at: this.now() });
  }

  private forget(shared: SharedWatch, object: KubeObject): void {
    const key = objectKey({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
    shared.keys.delete(key);
    this.objects.delete(key);
    this.emit({ key, object: undefined, at: this.now() });
  }

  private emit(change: LiveChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
