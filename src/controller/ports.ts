import type { ClusterAccess } from '../cluster/index.js';
import type { Baseline } from '../model/manifest.js';

/** The cluster as the operator uses it; `createClusterPort` in src/cluster builds it over HTTP. */
export type ClusterPort = ClusterAccess;
export type { KubeEvent, WatchHandle, WatchListener } from '../cluster/index.js';

export interface BaselinePort {
  load(source: {
    repo: string;
    revision?: string;
    paths: string[];
    token?: string;
    maxFileBytes?: number;
    kustomize?: { binary?: string; timeoutMs?: number; allowRemoteBases?: boolean };
  }): Promise<Baseline>;
}
