import { groupOf, versionOf, type KubeObject, type ObjectSelector } from '../model/index.js';

/** An object as a kustomization sees it while building: its kind and every name it has had so far. */
export interface ObjectAtLayer {
  object: KubeObject;
  names: ReadonlySet<string>;
}

/**
 * Whether a patch target or replacement selector picks the object. Names are anchored regular
 * expressions and match any name the object has had (kustomize matches current and previous
 * ids); label and annotation selectors are read as `key=value` and `key` terms.
 */
export function matchesSelector(selector: ObjectSelector, at: ObjectAtLayer): boolean {
  const { object } = at;
  if (selector.kind !== undefined && selector.kind !== object.kind) return false;
  if (selector.group !== undefined && selector.group !== groupOf(object.apiVersion)) return false;
  if (selector.version !== undefined && selector.version !== versionOf(object.apiVersion)) return false;
  if (selector.namespace !== undefined && selector.namespace !== (object.metadata.namespace ?? 'default')) return false;
  if (selector.name !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${selector.name})$`);
    } catch {
      return false;
    }
    if (![...at.names].some((name) => pattern.test(name))) return false;
  }
  if (selector.labelSelector !== undefined && !matchesTerms(selector.labelSelector, object.metadata.labels)) return false;
  if (selector.annotationSelector !== undefined && !matchesTerms(selector.annotationSelector, object.metadata.annotations)) return false;
  return true;
}

function matchesTerms(terms: string, values: Record<string, string> | undefined): boolean {
  return terms
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '')
    .every((term) => {
      const negated = term.match(/^(.+?)\s*!=\s*(.*)$/);
      if (negated) return values?.[negated[1]!] !== negated[2];
      const equal = term.match(/^(.+?)\s*==?\s*(.*)$/);
      if (equal) return values?.[equal[1]!] === equal[2];
      return term.startsWith('!') ? values?.[term.slice(1)] === undefined : values?.[term] !== undefined;
    });
}
