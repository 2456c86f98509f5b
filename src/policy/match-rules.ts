import { groupOf } from '../model/index.js';
import type { KubeObject } from '../model/index.js';
import type { RuleMatch } from './drift-policy.js';

const ANY = '*';

interface Candidates<T> {
  rules: T[];
  /** Whether any of the rules is limited to namespaces; if none, `rules` is the answer as is. */
  byNamespace: boolean;
}

/**
 * Selects the rules that apply to an object. Group and kind are resolved once per apiVersion and
 * kind and cached; only the namespace is checked per object, and only when a rule names some.
 * The returned array may be shared between calls: callers must not modify it.
 */
export class RuleIndex<T extends { match?: RuleMatch }> {
  private readonly byVersionKind = new Map<string, Map<string, Candidates<T>>>();

  constructor(private readonly rules: readonly T[]) {}

  select(object: KubeObject): T[] {
    const apiVersion = object.apiVersion ?? '';
    const kind = object.kind;
    let byKind = this.byVersionKind.get(apiVersion);
    if (!byKind) this.byVersionKind.set(apiVersion, (byKind = new Map()));
    let candidates = byKind.get(kind);
    if (!candidates) {
      const group = groupOf(apiVersion);
      const rules = this.rules.filter(({ match }) => includes(match?.apiGroups, group) && includes(match?.kinds, kind));
      candidates = { rules, byNamespace: rules.some(({ match }) => match?.namespaces !== undefined) };
      byKind.set(kind, candidates);
    }
    if (!candidates.byNamespace) return candidates.rules;
    const namespace = object.metadata?.namespace;
    return candidates.rules.filter(({ match }) => matchesNamespace(match?.namespaces, namespace));
  }
}

function includes(list: string[] | undefined, value: string): boolean {
  return list === undefined || list.includes(value) || list.includes(ANY);
}

function matchesNamespace(namespaces: string[] | undefined, namespace: string | undefined): boolean {
  if (namespaces === undefined) return true;
  return namespace !== undefined && namespace !== '' && includes(namespaces, namespace);
}
