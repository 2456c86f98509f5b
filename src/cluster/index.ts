export { ClusterError, DISPOSITIONS, type Disposition } from './cluster-error.js';
export { classifyHttpFailure, type HttpFailure } from './classify-failure.js';
export { connectCluster, DEFAULT_REQUEST_TIMEOUT_MS, type ClusterConnection, type ConnectOptions } from './connect-cluster.js';
export { loadKubeconfig, type KubeconfigOptions, type LoadedKubeconfig } from './load-kubeconfig.js';
export {
  apiVersionOf,
  createResourceCatalog,
  qualifiedResource,
  type ResourceCatalog,
  type ResourceInfo,
} from './resource-catalog.js';
export { discoverResources } from './discover-resources.js';
export { listLiveObjects, startLiveListing, type LiveListing, type LiveObjects } from './list-live-objects.js';
export * from './watch/index.js';
export * from './cluster-port/index.js';
export { readClusterFacts, type ClusterFactObjects } from './read-cluster-facts.js';
export { autoscalerResource, factNeeds, type FactNeeds } from './fact-needs.js';
