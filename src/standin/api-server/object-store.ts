import type { KubeObject } from '../../model/index.js';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  bucket: string;
  object: KubeObject;
  resourceVersion: number;
  /** The object before a MODIFIED event, so selector watches can tell an object leaving the selection. */
  previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * Objects by resource bucket, one global resourceVersion counter (etcd's revision), and the
 * recent event history that watches resume from. Everything handed out is a copy.
 */
export class ObjectStore {
  private revision = 0;
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  /** Watches from this revision or later can be resumed from history. */
  private resumableFrom = 0;
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly historyWindow: number) {}

  get resourceVersion(): number {
    return this.revision;
  }

  read(bucket: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.buckets.get(bucket)?.get(keyOf(namespace, name));
    return found && structuredClone(found);
  }

  readAll(bucket: string, namespace?: string): KubeObject[] {
    const objects = [...(this.buckets.get(bucket)?.values() ?? [])];
    return objects
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .sort((a, b) => keyOf(a.metadata.namespace, a.metadata.name).localeCompare(keyOf(b.metadata.namespace, b.metadata.name)))
      .map((o) => structuredClone(o));
  }

  bucketsWithObjects(): string[] {
    return [...this.buckets].filter(([, objects]) => objects.size > 0).map(([bucket]) => bucket);
  }

  /** Stores the object under a new resourceVersion and emits its event. */
  commit(bucket: string, object: KubeObject): KubeObject {
    const objects = this.buckets.get(bucket) ?? new Map<string, KubeObject>();
    this.buckets.set(bucket, objects);
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const previous = objects.get(key);
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    objects.set(key, stored);
    const type: StoreEventType = previous ? 'MODIFIED' : 'ADDED';
    this.record({ type, bucket, object: stored, resourceVersion: this.revision, previous });
    return structuredClone(stored);
  }

  /** Removes the object; its DELETED event carries the deletion's resourceVersion, as etcd's does. */
  remove(bucket: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const objects = this.buckets.get(bucket);
    const key = keyOf(namespace, name);
    const found = objects?.get(key);
    if (!objects || !found) return undefined;
    objects.delete(key);
    const removed = structuredClone(found);
    removed.metadata.resourceVersion = String(++this.revision);
    this.record({ type: 'DELETED', bucket, object: removed, resourceVersion: this.revision });
    return structuredClone(removed);
  }

  /** Events after `revision`, or undefined when history no longer reaches back that far. */
  eventsAfter(revision: number): StoreEvent[] | undefined {
    if (revision < this.resumableFrom) return undefined;
    return this.history.filter((e) => e.resourceVersion > revision);
  }

  compact(): void {
    this.history = [];
    this.resumableFrom = this.revision;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    const excess = this.history.length - this.historyWindow;
    if (excess > 0) {
      const dropped = this.history.splice(0, excess);
      this.resumableFrom = dropped[dropped.length - 1]?.resourceVersion ?? this.resumableFrom;
    }
    for (const listener of this.listeners) listener(event);
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
