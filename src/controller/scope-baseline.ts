/**
 * Which of the objects read from Git a DriftWatch compares, and what it must watch to compare
 * them: the kinds the cluster serves, and the CRDs and HPAs their comparison depends on
 * (diff/cluster-normalizers.ts).
 */
import { customKindsInGit, resolveNamespaces } from '../baseline/index.js';
import { autoscalerResource, factNeeds, type ResourceCatalog, type ResourceInfo } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, Manifest } from '../model/manifest.js';
import { objectKey, type ObjectRef } from '../model/object-ref.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import { resourceId } from './live-cache.js';
import { inScope } from './watch-scope.js';

export interface ClusterFacts {
  crds?: ResourceInfo;
  autoscalers?: ResourceInfo;
}

export interface ScopedBaseline {
  /** The baseline with only the in-scope manifests, and the problems of placing them. */
  baseline: Baseline;
  manifests: Map<string, Manifest>;
  /** Objects whose kind the cluster does not serve. */
  errors: Map<string, string>;
  /** Custom resources whose CRD is in Git but not installed yet. */
  missingReasons: Map<string, string>;
  gitSecrets: KubeObject[];
  facts: ClusterFacts;
  /** The kinds of the manifests: the comparison cannot start before each has listed. */
  required: ResourceInfo[];
  /** The facts' resources not already required: without them the comparison knows less. */
  optional: ResourceInfo[];
}

export function scopeBaseline(loaded: Baseline, catalog: ResourceCatalog, spec: DriftWatchSpec, server: string): ScopedBaseline {
  const customKinds = customKindsInGit(loaded.manifests, catalog);
  const resolved = resolveNamespaces(loaded.manifests, customKinds.scopeOf, spec.defaultNamespace);
  // Out of scope or not, a Secret's value in Git must never be codified or shown elsewhere.
  const gitSecrets = loaded.manifests.filter((m) => m.ref.kind === 'Secret').map((m) => m.object);
  const inScopeManifests = resolved.manifests.filter((m) => inScope(m.ref, spec.scope));
  const manifests = new Map(inScopeManifests.map((m) => [objectKey(m.ref), m]));
  const errors = new Map<string, string>();
  const missingReasons = new Map<string, string>();
  const resources = new Map<string, ResourceInfo>();
  for (const [key, manifest] of manifests) {
    const info = catalog.lookup(manifest.ref.apiVersion, manifest.ref.kind);
    const notInstalled = info ? undefined : customKinds.notInstalled(manifest.ref);
    if (notInstalled) {
      missingReasons.set(key, notInstalled);
    } else if (!info) {
      errors.set(key, `${manifest.ref.apiVersion} ${manifest.ref.kind} is not served by the cluster at ${server}`);
    } else {
      resources.set(resourceId(info), info);
    }
  }
  const facts = factResources(catalog, [...manifests.values()].map((m) => m.ref));
  const optional = Object.values(facts).filter((info) => !resources.has(resourceId(info)));
  const baseline = { ...loaded, manifests: inScopeManifests, problems: [...loaded.problems, ...resolved.problems] };
  return { baseline, manifests, errors, missingReasons, gitSecrets, facts, required: [...resources.values()], optional };
}

/** The CRDs when custom resources are compared; the HPAs when anything an HPA scales is (as the scan reads them). */
export function factResources(catalog: ResourceCatalog, refs: readonly ObjectRef[]): ClusterFacts {
  const needs = factNeeds(catalog, refs);
  const crds = needs.crdNames.size > 0 ? catalog.lookup('apiextensions.k8s.io/v1', 'CustomResourceDefinition') : undefined;
  const autoscalers = needs.hpaNamespaces.size > 0 ? autoscalerResource(catalog) : undefined;
  return { ...(crds ? { crds } : {}), ...(autoscalers ? { autoscalers } : {}) };
}
