import { groupOf } from '../model/index.js';

/** One served resource of one group version, as discovery lists it. */
export interface ResourceInfo {
  /** `""` for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The plural resource name used in URLs: `deployments`. */
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

export interface ResourceCatalog {
  /** The resource serving exactly this apiVersion and kind, if the cluster serves it. */
  lookup(apiVersion: string, kind: string): ResourceInfo | undefined;
  /** Scope of the kind in any served version of its group (scope does not vary by version). */
  scopeOf(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined;
  all(): ResourceInfo[];
  /** Why a group version could not be discovered, if it could not: `apps/v1` → reason. */
  unavailable(apiVersion: string): string | undefined;
  /** One line per group version skipped during discovery. */
  readonly warnings: readonly string[];
}

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** `deployments.apps`, `namespaces`: the name kubectl and RBAC messages use. */
export function qualifiedResource(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

/** Builds a catalog from discovered resources; `unavailable` maps group versions that failed to why. */
export function createResourceCatalog(
  resources: ResourceInfo[],
  unavailable: ReadonlyMap<string, string> = new Map(),
): ResourceCatalog {
  const exact = new Map<string, ResourceInfo>();
  const byGroupKind = new Map<string, ResourceInfo>();
  for (const info of resources) {
    const versioned = `${apiVersionOf(info)}/${info.kind}`;
    if (!exact.has(versioned)) exact.set(versioned, info);
    const unversioned = `${info.group}/${info.kind}`;
    if (!byGroupKind.has(unversioned)) byGroupKind.set(unversioned, info);
  }
  const warnings = [...unavailable].map(([groupVersion, reason]) => `skipped API group version ${groupVersion}: ${reason}`);
  return {
    lookup: (apiVersion, kind) => exact.get(`${apiVersion}/${kind}`),
    scopeOf: (apiVersion, kind) => {
      const info = byGroupKind.get(`${groupOf(apiVersion)}/${kind}`);
      if (!info) return undefined;
      return info.namespaced ? 'Namespaced' : 'Cluster';
    },
    all: () => [...resources],
    unavailable: (apiVersion) => unavailable.get(apiVersion),
    warnings,
  };
}
