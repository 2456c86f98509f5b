import { groupOf, kindMatches, type ObjectRef } from '../model/object-ref.js';
import type { DriftWatchSpec, IgnoreFieldRule } from './drift-watch-spec.js';

/**
 * Whether a DriftWatch compares this object. Kinds are written `Deployment` or `apps/Deployment`.
 * Secrets are compared only when the DriftWatch opts in: watching them means the operator reads
 * every Secret of the kinds' namespaces, which many clusters will not grant.
 */
export function inScope(ref: ObjectRef, scope: DriftWatchSpec['scope']): boolean {
  if (ref.kind === 'Secret' && groupOf(ref.apiVersion) === '' && !scope.secrets) return false;
  if (scope.includeKinds && !kindMatches(ref, scope.includeKinds)) return false;
  if (kindMatches(ref, scope.excludeKinds)) return false;
  if (ref.namespace === undefined) return true;
  if (scope.includeNamespaces && !scope.includeNamespaces.includes(ref.namespace)) return false;
  return !scope.excludeNamespaces.includes(ref.namespace);
}

/** The pointers of the ignore rules whose group, kind, namespace and name (each optional) match the object. */
export function ignorePointersFor(ref: ObjectRef, rules: readonly IgnoreFieldRule[]): string[] {
  return rules
    .filter(
      (rule) =>
        (rule.group === undefined || rule.group === groupOf(ref.apiVersion)) &&
        (rule.kind === undefined || rule.kind === ref.kind) &&
        (rule.namespace === undefined || rule.namespace === ref.namespace) &&
        (rule.name === undefined || rule.name === ref.name),
    )
    .flatMap((rule) => rule.pointers);
}
