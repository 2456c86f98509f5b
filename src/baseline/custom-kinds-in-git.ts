import { groupOf, isJsonObject, type Manifest, type ObjectRef } from '../model/index.js';
import { describePlace } from './baseline-problem.js';
import type { ScopeOf } from './resolve-namespaces.js';

/** What the cluster serves, as discovery found it. */
export interface ServedKinds {
  scopeOf: ScopeOf;
  /** Why a group version could not be discovered, if it could not. */
  unavailable(apiVersion: string): string | undefined;
}

export interface CustomKindsInGit {
  /** The cluster's scope of a kind, else the scope a CustomResourceDefinition in Git gives it. */
  scopeOf: ScopeOf;
  /**
   * Why an object is missing when the cluster serves its kind in no version while Git holds the
   * kind's CustomResourceDefinition: the definition is not installed yet. Undefined otherwise, and
   * for a group the cluster failed to describe (that stays an error).
   */
  notInstalled(ref: ObjectRef): string | undefined;
}

interface Definition {
  name: string;
  place: string;
  scope: 'Namespaced' | 'Cluster';
}

/**
 * A repository often holds an operator's CRDs beside the custom resources that use them; until
 * the CRDs are applied, those resources are not yet in the cluster rather than unreadable.
 */
export function customKindsInGit(manifests: readonly Manifest[], cluster: ServedKinds): CustomKindsInGit {
  const definitions = new Map<string, Definition>();
  for (const { ref, object, source } of manifests) {
    if (ref.kind !== 'CustomResourceDefinition' || groupOf(ref.apiVersion) !== 'apiextensions.k8s.io') continue;
    const spec = object.spec;
    if (!isJsonObject(spec) || !isJsonObject(spec.names) || typeof spec.group !== 'string' || typeof spec.names.kind !== 'string') continue;
    const key = `${spec.group}/${spec.names.kind}`;
    if (definitions.has(key)) continue;
    const place = describePlace({ path: source.path, document: source.document, line: source.line });
    definitions.set(key, { name: ref.name, place, scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced' });
  }
  const definitionOf = (apiVersion: string, kind: string) => definitions.get(`${groupOf(apiVersion)}/${kind}`);
  return {
    scopeOf: (apiVersion, kind) => cluster.scopeOf(apiVersion, kind) ?? definitionOf(apiVersion, kind)?.scope,
    notInstalled: (ref) => {
      if (cluster.scopeOf(ref.apiVersion, ref.kind) || cluster.unavailable(ref.apiVersion)) return undefined;
      const definition = definitionOf(ref.apiVersion, ref.kind);
      if (!definition) return undefined;
      return `its CustomResourceDefinition ${definition.name} is in Git (${definition.place}) but not installed in the cluster yet`;
    },
  };
}
