import type { ClusterConnection } from '../connect-cluster.js';
import { discoverResources } from '../discover-resources.js';
import type { ResourceCatalog } from '../resource-catalog.js';

export interface DiscoveryTiming {
  /** How long a discovered catalog is reused. */
  ttlMs: number;
  /** After a lookup missed (a CRD applied since?), discovery is read again once the catalog is this old. */
  missRefreshMs: number;
}

export const DEFAULT_DISCOVERY_TIMING: DiscoveryTiming = { ttlMs: 30_000, missRefreshMs: 5_000 };

/**
 * Discovery reused for a while, so that each reconcile does not send one request per group
 * version. Concurrent callers share one discovery in flight; a failed one is not kept.
 */
export function cachedDiscovery(connection: ClusterConnection, timing: DiscoveryTiming, now: () => number): () => Promise<ResourceCatalog> {
  let current: { catalog: Promise<ResourceCatalog>; at: number; expiresAt: number } | undefined;
  return () => {
    const at = now();
    if (current && at < current.expiresAt) return current.catalog;
    const entry = { at, expiresAt: at + timing.ttlMs, catalog: discoverResources(connection) };
    current = entry;
    entry.catalog = entry.catalog.then(
      (catalog) => ({
        ...catalog,
        lookup: (apiVersion, kind) => {
          const info = catalog.lookup(apiVersion, kind);
          if (!info) entry.expiresAt = Math.min(entry.expiresAt, entry.at + timing.missRefreshMs);
          return info;
        },
      }),
      (error: unknown) => {
        if (current === entry) current = undefined;
        throw error;
      },
    );
    return entry.catalog;
  };
}
