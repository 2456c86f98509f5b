import type { ClusterAccess } from '../cluster/index.js';
import type { Baseline, Manifest } from '../model/manifest.js';

/** The cluster as the operator uses it; `createClusterPort` in src/cluster builds it over HTTP. */
export type ClusterPort = ClusterAccess;
export type { KubeEvent, WatchHandle, WatchListener } from '../cluster/index.js';

/** Where a DriftWatch's baseline comes from (its `spec.source`, with the token resolved). */
export interface BaselineSource {
  repo: string;
  revision?: string;
  paths: string[];
  token?: string;
  maxFileBytes?: number;
  kustomize?: { binary?: string; timeoutMs?: number; allowRemoteBases?: boolean };
}

export interface BaselinePort {
  /** `onManifests` hears each file's manifests as soon as they are parsed, before the baseline is whole. */
  load(source: BaselineSource, onManifests?: (manifests: readonly Manifest[]) => void): Promise<Baseline>;
}
