import type { KubeObject } from '../../model/index.js';
import type { WatchEvent } from './watch-event.js';

export interface CachedObject {
  object: KubeObject;
  resourceVersion: string;
}

export function cacheKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/**
 * Replaces the cache with a fresh list and returns what changed since the cache was last
 * current: this is how a change made while the watch was down (or beyond a 410) is seen.
 */
export function applyRelist(
  cache: Map<string, CachedObject>,
  items: KubeObject[],
  transform: (object: KubeObject) => KubeObject,
): WatchEvent[] {
  const events: WatchEvent[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = cacheKey(item);
    seen.add(key);
    const resourceVersion = item.metadata.resourceVersion ?? '';
    const previous = cache.get(key);
    if (previous && previous.resourceVersion === resourceVersion) continue;
    const object = transform(item);
    cache.set(key, { object, resourceVersion });
    events.push({ type: previous ? 'MODIFIED' : 'ADDED', object, source: 'list' });
  }
  for (const [key, previous] of cache) {
    if (seen.has(key)) continue;
    cache.delete(key);
    events.push({ type: 'DELETED', object: previous.object, source: 'list' });
  }
  return events;
}
