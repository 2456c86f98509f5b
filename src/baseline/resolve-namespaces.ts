import { describeRef, objectKey, type BaselineProblem, type Manifest } from '../model/index.js';
import { baselineProblem, describePlace, type ProblemPlace } from './baseline-problem.js';

export type ScopeOf = (apiVersion: string, kind: string) => 'Namespaced' | 'Cluster' | undefined;

/**
 * Gives each object the namespace the API server would: a namespaced object without one is in
 * `defaultNamespace`; a cluster-scoped object has none (a namespace written on it is dropped with a
 * warning, as the server ignores it); a kind of unknown scope keeps what it has, and the caller
 * reports the kind as not served. Then the same object (group, kind, namespace, name) defined twice
 * is an error naming both places; the first definition is kept so that each object is compared once.
 * The manifests given are not changed.
 */
export function resolveNamespaces(
  manifests: Manifest[],
  scopeOf: ScopeOf,
  defaultNamespace: string,
): { manifests: Manifest[]; problems: BaselineProblem[] } {
  const problems: BaselineProblem[] = [];
  const seen = new Map<string, Manifest>();
  const resolved: Manifest[] = [];
  for (const manifest of manifests) {
    const placed = placeInNamespace(manifest, scopeOf(manifest.ref.apiVersion, manifest.ref.kind), defaultNamespace, problems);
    const key = objectKey(placed.ref);
    const first = seen.get(key);
    if (first) {
      const reason = `${describeRef(placed.ref)} is defined twice, first at ${describePlace(placeOf(first))}`;
      problems.push(baselineProblem('error', placeOf(placed), reason));
      continue;
    }
    seen.set(key, placed);
    resolved.push(placed);
  }
  return { manifests: resolved, problems };
}

function placeInNamespace(
  manifest: Manifest,
  scope: 'Namespaced' | 'Cluster' | undefined,
  defaultNamespace: string,
  problems: BaselineProblem[],
): Manifest {
  const { ref, object } = manifest;
  if (scope === 'Namespaced' && !ref.namespace) {
    return {
      ...manifest,
      // Rebuilt, not appended to, to keep the contract's key order (apiVersion, kind, namespace, name).
      ref: { apiVersion: ref.apiVersion, kind: ref.kind, namespace: defaultNamespace, name: ref.name },
      object: { ...object, metadata: { ...object.metadata, namespace: defaultNamespace } },
    };
  }
  if (scope === 'Cluster' && (ref.namespace || object.metadata.namespace !== undefined)) {
    if (ref.namespace) {
      problems.push(baselineProblem('warning', placeOf(manifest), `${ref.kind} ${ref.name} is cluster-scoped; its namespace '${ref.namespace}' is ignored`));
    }
    const { namespace: _namespace, ...metadata } = object.metadata;
    const { namespace: _refNamespace, ...clusterRef } = ref;
    return { ...manifest, ref: clusterRef, object: { ...object, metadata } };
  }
  return manifest;
}

function placeOf(manifest: Manifest): ProblemPlace {
  const { path, document, line } = manifest.source;
  return { path, document, line, object: manifest.ref };
}
