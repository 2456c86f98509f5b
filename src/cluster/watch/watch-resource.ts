import type { KubeObject } from '../../model/index.js';
import { ClusterError } from '../cluster-error.js';
import type { ClusterConnection } from '../connect-cluster.js';
import { messageOf } from '../error-message.js';
import { describeList, listResource } from '../list-resource.js';
import { apiVersionOf, type ResourceInfo } from '../resource-catalog.js';
import { createBackoff, sleep } from './backoff.js';
import { applyRelist, cacheKey, type CachedObject } from './relist-diff.js';
import type { WatchEvent } from './watch-event.js';
import { streamWatch, WatchStalledError, type RawWatchEvent } from './watch-stream.js';

export interface WatchTiming {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** No event, bookmark or byte for this long: the stream is abandoned and the resource relisted. */
  stallTimeoutMs: number;
  /** Server-side watch timeout; each watch asks for a random value between this and twice this. */
  watchTimeoutSeconds: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  stallTimeoutMs: 90_000,
  watchTimeoutSeconds: 300,
};

const HEALTHY_WATCH_MS = 1_000;

export interface WatchOptions {
  /** For a namespaced resource: one namespace; all namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  /** Called for every change, in order; must not throw. */
  onEvent(event: WatchEvent): void;
  /** Called after every successful (re)list, once its events were delivered. */
  onSynced?(sync: { relist: boolean; objects: number }): void;
  /** Every failure, already classified; the watch recovers by itself (stall dispositions included). */
  onError?(error: ClusterError): void;
  /** Ends the watch like stop(): no callbacks after it, and `done` resolves. */
  signal?: AbortSignal;
  /** Called each time the watch is re-established, with the cause (as counted in stats().restarts). */
  onRestart?(reason: keyof WatchRestarts): void;
  /** Trims objects before they are cached and delivered (e.g. drop last-applied annotations). */
  transform?(object: KubeObject): KubeObject;
  timing?: Partial<WatchTiming>;
}

/** Why a watch was re-established, for the `driftback_watch_restarts_total` metric. */
export interface WatchRestarts {
  /** The server ended the stream (its timeout, a dropped connection with a clean end). */
  closed: number;
  /** 410 Gone: the resourceVersion was compacted; relisted. */
  gone: number;
  /** A request failed (refused, reset, 5xx, 401/403, timeout); relisted after backoff. */
  failed: number;
  /** Nothing arrived within the stall timeout; relisted. */
  stalled: number;
}

export interface WatchStats {
  restarts: WatchRestarts;
  lists: number;
  objects: number;
  resourceVersion: string;
  /** The last successful (re)list. */
  lastSyncedAt?: Date;
  /** The last list, event or bookmark: how fresh the cache is known to be (for /readyz). */
  lastActivityAt?: Date;
}

export interface ResourceWatch {
  stats(): WatchStats;
  /** The current cached objects. */
  objects(): KubeObject[];
  /** Ends the watch; resolves once it stopped. No callback fires after stop() was called. */
  stop(): Promise<void>;
  /** Resolves once the watch stopped (stop() or the `signal` option). */
  done: Promise<void>;
}

/**
 * A list-watch that does not give up, unlike client-node 2.0.1's informer (which stops for
 * good on connection refused, and whose stop() emits an error that a naive restart-on-error
 * handler turns back into a start). Built on the request layer so that one loop owns the
 * whole lifecycle: list, then watch from the list's resourceVersion with bookmarks and a
 * server-side timeout; a cleanly closed watch resumes from the last resourceVersion; a 410
 * relists at once; any failure or stall relists after jittered exponential backoff, since a
 * server that restarted may have lost the history a resumed watch needs. Each relist is
 * diffed against the cache, so changes made while disconnected arrive as events.
 */
export function watchResource(connection: ClusterConnection, info: ResourceInfo, options: WatchOptions): ResourceWatch {
  const timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
  const stopper = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopper.signal]) : stopper.signal;
  const transform = options.transform ?? ((object: KubeObject) => object);
  const apiVersion = apiVersionOf(info);
  const attempt = describeList('watch', info, options.namespace);
  const cache = new Map<string, CachedObject>();
  const backoff = createBackoff({ initialMs: timing.initialBackoffMs, maxMs: timing.maxBackoffMs });
  const restarts: WatchRestarts = { closed: 0, gone: 0, failed: 0, stalled: 0 };
  let lists = 0;
  let resourceVersion: string | undefined;
  let lastSyncedAt: Date | undefined;
  let lastActivityAt: Date | undefined;
  let goneInARow = 0;

  const restarted = (reason: keyof WatchRestarts): void => {
    restarts[reason]++;
    if (!signal.aborted) options.onRestart?.(reason);
  };

  const deliver = (event: WatchEvent): void => {
    if (!signal.aborted) options.onEvent(event);
  };

  const relist = async (): Promise<void> => {
    const list = await listResource(connection, info, {
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
      signal,
    });
    const initial = lists === 0;
    lists++;
    for (const event of applyRelist(cache, list.items, transform)) deliver(event);
    resourceVersion = list.resourceVersion;
    lastSyncedAt = new Date();
    lastActivityAt = lastSyncedAt;
    if (!signal.aborted) options.onSynced?.({ relist: !initial, objects: cache.size });
  };

  const onStreamEvent = ({ type, object }: RawWatchEvent): void => {
    // Anything arriving on a stream means the watch path works again.
    backoff.reset();
    goneInARow = 0;
    lastActivityAt = new Date();
    const raw = object as KubeObject;
    const version = raw.metadata?.resourceVersion;
    if (version) resourceVersion = version;
    if (type === 'BOOKMARK') return;
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
    const key = cacheKey(raw);
    const cached = cache.get(key);
    if (type === 'DELETED') {
      cache.delete(key);
      deliver({ type, object: cached?.object ?? transform({ ...raw, apiVersion, kind: info.kind }), source: 'watch' });
      return;
    }
    if (cached && cached.resourceVersion === version) return;
    const next = transform({ ...raw, apiVersion, kind: info.kind });
    cache.set(key, { object: next, resourceVersion: version ?? '' });
    deliver({ type: cached ? 'MODIFIED' : 'ADDED', object: next, source: 'watch' });
  };

  const run = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        if (resourceVersion === undefined) await relist();
        const timeoutSeconds = Math.round(timing.watchTimeoutSeconds * (1 + Math.random()));
        const openedAt = Date.now();
        const end = await streamWatch(connection, info, {
          ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
          ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
          resourceVersion: resourceVersion ?? '',
          timeoutSeconds,
          stallTimeoutMs: timing.stallTimeoutMs,
          attempt,
          signal,
          onEvent: onStreamEvent,
        });
        if (end.kind === 'gone') {
          restarted('gone');
          resourceVersion = undefined;
          // The first 410 relists at once; 410s in a row mean the relist itself is stale.
          if (goneInARow++ > 0) await sleep(backoff.next(), signal);
          continue;
        }
        restarted('closed');
        // A server that closes every watch at once must not be hammered (client-node 1.x sent
        // thousands of watch requests per second against one); a watch that lived or carried
        // events resumes at once.
        if (end.events === 0 && Date.now() - openedAt < HEALTHY_WATCH_MS) await sleep(backoff.next(), signal);
      } catch (error) {
        if (signal.aborted) break;
        const failure = asClusterError(error, attempt, connection);
        restarted(failure instanceof WatchStalledError ? 'stalled' : 'failed');
        resourceVersion = undefined;
        options.onError?.(failure);
        await sleep(backoff.next(), signal);
      }
    }
  };

  const done = run();
  return {
    stop: () => {
      stopper.abort();
      return done;
    },
    done,
    stats: () => ({
      restarts: { ...restarts },
      lists,
      objects: cache.size,
      resourceVersion: resourceVersion ?? '',
      ...(lastSyncedAt ? { lastSyncedAt } : {}),
      ...(lastActivityAt ? { lastActivityAt } : {}),
    }),
    objects: () => [...cache.values()].map((entry) => entry.object),
  };
}

function asClusterError(error: unknown, attempt: string, connection: ClusterConnection): ClusterError {
  if (error instanceof ClusterError) return error;
  return new ClusterError(`${attempt} at ${connection.server} failed: ${messageOf(error)}`, { disposition: 'retry', cause: error });
}
