import type { KubeObject } from '../../model/index.js';
import { cloneJson } from './json-util.js';

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
 * recent event history that watches resume from. read/readAll hand out copies; peek/peekAll and
 * events hand out the stored objects, which are replaced on every write and never mutated.
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
    const found = this.peek(bucket, namespace, name);
    return found && cloneJson(found);
  }

  readAll(bucket: string, namespace?: string): KubeObject[] {
    return this.peekAll(bucket, namespace).map((o) => cloneJson(o));
  }

  /** The stored object itself, for callers that only serialize it: it must not be mutated. */
  peek(bucket: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.buckets.get(bucket)?.get(keyOf(namespace, name));
  }

  /** The stored objects in key order, for callers that only serialize them: they must not be mutated. */
  peekAll(bucket: string, namespace?: string): KubeObject[] {
    const objects = [...(this.buckets.get(bucket)?.values() ?? [])];
    return objects
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .sort((a, b) => compareKeys(keyOf(a.metadata.namespace, a.metadata.name), keyOf(b.metadata.namespace, b.metadata.name)));
  }

  bucketsWithObjects(): string[] {
    return [...this.buckets].filter(([, objects]) => objects.size > 0).map(([bucket]) => bucket);
  }

  /**
   * Stores the object under a new resourceVersion and emits its event. The store takes ownership:
   * the caller hands over an object nobody else holds and gets back the stored one, not to mutate.
   */
  commit(bucket: string, object: KubeObject): KubeObject {
    const objects = this.buckets.get(bucket) ?? new Map<string, KubeObject>();
    this.buckets.set(bucket, objects);
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const previous = objects.get(key);
    object.metadata.resourceVersion = String(++this.revision);
    objects.set(key, object);
    const type: StoreEventType = previous ? 'MODIFIED' : 'ADDED';
    this.record({ type, bucket, object, resourceVersion: this.revision, previous });
    return object;
  }

  /** Removes the object; its DELETED event carries the deletion's resourceVersion, as etcd's does. */
  remove(bucket: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const objects = this.buckets.get(bucket);
    const key = keyOf(namespace, name);
    const found = objects?.get(key);
    if (!objects || !found) return undefined;
    objects.delete(key);
    const removed = cloneJson(found);
    removed.metadata.resourceVersion = String(++this.revision);
    this.record({ type: 'DELETED', bucket, object: removed, resourceVersion: this.revision });
    return cloneJson(removed);
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

/** Plain code-unit order, as etcd keys sort; localeCompare is far too slow for 10,000-object lists. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
