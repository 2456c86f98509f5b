import type { ClusterAccess } from '../cluster/index.js';
import type { Baseline, Manifest } from '../model/manifest.js';

/** The cluster as the operator uses it; `createClusterPort` in src/cluster builds it over HTTP. */
export type ClusterPort = ClusterAccess;
export type { KubeEvent, WatchHandle, WatchListener } from '../cluster/index.js';

export interface BaselinePort {
  /** `onManifests` hears each file's manifests as soon as they are parsed, before the baseline is whole. */
  load(
    source: {
    repo: string;
    revision?: string;
    paths: string[];
    token?: string;
    maxFileBytes?: number;
    kustomize?: { binary?: string; timeoutMs?: number; allowRemoteBases?: boolean };
    },
    onManifests?: (manifests: readonly Manifest[]) => void,
  ): Promise<Baseline>;
}
