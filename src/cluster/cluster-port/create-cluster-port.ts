import type { KubeObject } from '../../model/index.js';
import type { ClusterConnection } from '../connect-cluster.js';
import type { ResourceCatalog, ResourceInfo } from '../resource-catalog.js';
import type { WatchTiming } from '../watch/index.js';
import { applyPolicyReport } from './apply-policy-report.js';
import { cachedDiscovery, DEFAULT_DISCOVERY_TIMING, type DiscoveryTiming } from './cached-discovery.js';
import { leasePort } from './lease-port.js';
import type { KubeEvent, LeasePort, WatchHandle, WatchListener } from './port-types.js';
import { readSecret } from './read-secret.js';
import { recordEvent } from './record-event.js';
import { watchForListener } from './watch-for-listener.js';
import { writeStatus } from './write-status.js';

export interface ClusterPortOptions {
  /** The field manager of every write; default `driftback`. */
  fieldManager?: string;
  discovery?: Partial<DiscoveryTiming>;
  watchTiming?: Partial<WatchTiming>;
  now?: () => number;
}

/** The cluster as the operator uses it, over one connection; the shape of the controller's ClusterPort. */
export interface ClusterAccess {
  readonly server: string;
  discover(): Promise<ResourceCatalog>;
  watch(resource: ResourceInfo, listener: WatchListener, options?: { namespace?: string }): WatchHandle;
  readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  writeStatus(resource: ResourceInfo, namespace: string, name: string, status: object): Promise<void>;
  recordEvent(event: KubeEvent): Promise<void>;
  /** A PolicyReport in `namespace`, or a ClusterPolicyReport when `namespace` is undefined. */
  applyPolicyReport(namespace: string | undefined, report: KubeObject): Promise<boolean>;
  lease(namespace: string, name: string): LeasePort;
}

export function createClusterPort(connection: ClusterConnection, options: ClusterPortOptions = {}): ClusterAccess {
  const fieldManager = options.fieldManager ?? 'driftback';
  const now = options.now ?? Date.now;
  const discover = cachedDiscovery(connection, { ...DEFAULT_DISCOVERY_TIMING, ...options.discovery }, now);
  return {
    server: connection.server,
    discover,
    watch: (resource, listener, watchOptions = {}) =>
      watchForListener(connection, resource, listener, {
        ...watchOptions,
        ...(options.watchTiming ? { timing: options.watchTiming } : {}),
      }),
    readSecret: (namespace, name) => readSecret(connection, namespace, name),
    writeStatus: (resource, namespace, name, status) => writeStatus(connection, resource, namespace, name, status, fieldManager),
    recordEvent: (event) => recordEvent(connection, event, new Date(now()), fieldManager),
    applyPolicyReport: (namespace, report) => applyPolicyReport(connection, discover, namespace, report, fieldManager),
    lease: (namespace, name) => leasePort(connection, namespace, name, fieldManager),
  };
}
