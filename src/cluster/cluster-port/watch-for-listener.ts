import type { ClusterConnection } from '../connect-cluster.js';
import type { ResourceInfo } from '../resource-catalog.js';
import { watchResource, type WatchTiming } from '../watch/index.js';
import type { WatchHandle, WatchListener } from './port-types.js';
import { trimWatchedObject } from './trim-watched-object.js';

/** One list-watch delivering to the operator's listener; objects arrive trimmed for the cache. */
export function watchForListener(
  connection: ClusterConnection,
  resource: ResourceInfo,
  listener: WatchListener,
  options: { namespace?: string; timing?: Partial<WatchTiming> },
): WatchHandle {
  const watch = watchResource(connection, resource, {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
    transform: trimWatchedObject,
    onEvent: ({ type, object }) => (type === 'DELETED' ? listener.remove(object) : listener.upsert(object)),
    onSynced: () => listener.synced(),
    onRestart: (reason) => listener.restarted?.(reason),
    onError: (error) => listener.failed?.(error),
  });
  return { stop: () => watch.stop() };
}
