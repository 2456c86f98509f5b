export { createClusterPort, type ClusterAccess, type ClusterPortOptions } from './create-cluster-port.js';
export { DEFAULT_DISCOVERY_TIMING, type DiscoveryTiming } from './cached-discovery.js';
export { LeaseConflictError, toMicroTime } from './lease-port.js';
export { POLICY_REPORT_API_VERSION } from './apply-policy-report.js';
export { trimWatchedObject } from './trim-watched-object.js';
export type { KubeEvent, LeasePort, LeaseRecord, WatchHandle, WatchListener } from './port-types.js';
