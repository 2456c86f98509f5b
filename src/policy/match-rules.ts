import { groupOf } from '../model/index.js';
import type { KubeObject } from '../model/index.js';
import type { RuleMatch } from './drift-policy.js';

const ANY = '*';

/**
 * Selects the rules that apply to an object. Group and kind are resolved once per group/kind
 * pair and cached; only the namespace is checked per object.
 */
export class RuleIndex<T extends { match?: RuleMatch }> {
  private readonly byGroupKind = new Map<string, T[]>();

  constructor(private readonly rules: readonly T[]) {}

  select(object: KubeObject): T[] {
    const group = groupOf(object.apiVersion ?? '');
    const key = `${group}/${object.kind}`;
    let candidates = this.byGroupKind.get(key);
    if (!candidates) {
      candidates = this.rules.filter(({ match }) => includes(match?.apiGroups, group) && includes(match?.kinds, object.kind));
      this.byGroupKind.set(key, candidates);
    }
    const namespace = object.metadata?.namespace;
    return candidates.filter(({ match }) => matchesNamespace(match?.namespaces, namespace));
  }
}

function includes(list: string[] | undefined, value: string): boolean {
  return list === undefined || list.includes(value) || list.includes(ANY);
}

function matchesNamespace(namespaces: string[] | undefined, namespace: string | undefined): boolean {
  if (namespaces === undefined) return true;
  return namespace !== undefined && namespace !== '' && includes(namespaces, namespace);
}
