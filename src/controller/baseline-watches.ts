/**
 * The watches a baseline's objects need. The watches of the kinds parsed so far start while the
 * rest of the baseline is read, so the API server lists while git and the YAML work; the runtime's
 * `hold` then makes the set exact, and `waitForSync` waits for their initial lists.
 */
import { DriftbackError } from '../model/index.js';
import { ClusterError, type ResourceCatalog, type ResourceInfo } from '../cluster/index.js';
import type { Baseline, Manifest } from '../model/manifest.js';
import type { ObjectRef } from '../model/object-ref.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { factResources } from './scope-baseline.js';
import { resourceId } from './live-cache.js';
import { inScope } from './watch-scope.js';

export interface EarlyWatchLoad {
  /** namespace/name of the DriftWatch, the owner of the watches. */
  owner: string;
  spec: DriftWatchSpec;
  catalog: ResourceCatalog;
  gitToken: string | undefined;
  /** True once the DriftWatch is disposed: no watch is started after that. */
  stopped(): boolean;
}

export async function loadWithEarlyWatches(deps: Pick<RuntimeDeps, 'baselines' | 'cache'>, load: EarlyWatchLoad): Promise<Baseline> {
  const { owner, spec, catalog } = load;
  const early: ResourceInfo[] = [];
  const watchEarly = (manifests: readonly Manifest[]): void => {
    if (load.stopped()) return;
    const wanted = new Map<string, ResourceInfo>();
    const refs: ObjectRef[] = [];
    for (const { ref } of manifests) {
      const info = catalog.lookup(ref.apiVersion, ref.kind);
      if (!info) continue;
      // The namespace resolveNamespaces will give it; the cluster's scope, as the catalog knows it.
      const namespace = info.namespaced ? (ref.namespace ?? spec.defaultNamespace) : undefined;
      const placed = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(namespace !== undefined ? { namespace } : {}) };
      if (inScope(placed, spec.scope)) {
        wanted.set(resourceId(info), info);
        refs.push(placed);
      }
    }
    // The CRDs and HPAs these objects' comparison depends on, as scopeBaseline will choose them.
    for (const info of Object.values(factResources(catalog, refs))) wanted.set(resourceId(info), info);
    if (wanted.size > 0) early.push(...deps.cache.add(owner, [...wanted.values()]));
  };
  try {
    return await deps.baselines.load({ ...spec.source, token: load.gitToken, kustomize: spec.kustomize }, watchEarly);
  } catch (error) {
    // A baseline that cannot be read holds no more watches than before it was tried.
    await deps.cache.letGo(owner, early);
    throw error;
  }
}

/**
 * Waits for the initial lists of the `required` resources and of the `optional` ones. An optional
 * resource the operator may not read (RBAC) is left unknown, as the scan leaves a fact it may not
 * read: the wait goes on without it and its refusal is returned.
 */
export async function waitForSync(
  deps: Pick<RuntimeDeps, 'cache' | 'clock' | 'syncTimeoutMs'>,
  required: readonly ResourceInfo[],
  optional: readonly ResourceInfo[] = [],
): Promise<Map<ResourceInfo, ClusterError>> {
  const deadline = deps.clock.now() + deps.syncTimeoutMs;
  const refused = new Map<ResourceInfo, ClusterError>();
  for (;;) {
    for (const info of optional) {
      const failure = deps.cache.failureOf([info]);
      if (isRefusal(failure)) refused.set(info, failure);
    }
    const waiting = [...required, ...optional.filter((info) => !refused.has(info))];
    if (deps.cache.isSynced(waiting)) return refused;
    // A person must act on a refused list (RBAC, credentials): say so now, not after the timeout.
    const failure = deps.cache.failureOf(required);
    if (isRefusal(failure)) throw failure;
    if (deps.clock.now() >= deadline) throw new InformerSyncTimeout(waiting.map((r) => r.resource), deps.cache.failureOf(waiting));
    await new Promise<void>((resolve) => deps.clock.setTimeout(resolve, 50));
  }
}

function isRefusal(failure: Error | undefined): failure is ClusterError {
  return failure instanceof ClusterError && failure.disposition === 'stall';
}

class InformerSyncTimeout extends DriftbackError {
  override name = 'InformerSyncTimeout';
  readonly stage = 'cluster' as const;
  readonly disposition = 'retry' as const;
  readonly conditionReason = 'WatchNotSynced';
  constructor(resources: string[], lastFailure?: Error) {
    super(`the watches of ${resources.join(', ')} did not sync in time${lastFailure ? `: ${lastFailure.message}` : ''}`);
  }
}
