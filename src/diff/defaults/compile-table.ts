import type { JsonValue } from '../../model/index.js';
import { isDeepStrictEqual } from 'node:util';
import type { DefaultContext, DefaultMatch, DefaultRule } from './types.js';

/** Rules of one scope (object root, pod spec, container, ...) mounted at one or more prefixes. */
export interface RuleGroup {
  /** `group/kind` keys, '' for the core group: 'apps/Deployment', '/Service'. */
  kinds: readonly string[];
  /** Where the scope sits in the object; `[]` is the object root. */
  prefixes: readonly (readonly string[])[];
  rules: readonly DefaultRule[];
  /**
   * The apiVersions whose defaults these are; all when absent. Defaults differ by version
   * (admissionregistration v1beta1 webhooks fail open, apps/v1beta1 StatefulSets update OnDelete).
   */
  versions?: readonly string[];
}

interface CompiledRule {
  versions?: readonly string[];
  value?: JsonValue;
  matches?: (ctx: DefaultContext) => boolean;
  result: DefaultMatch;
}

export interface CompiledTable {
  match(ctx: DefaultContext): DefaultMatch | undefined;
}

/** As the last segment of a rule's path: any map key (a label, an annotation, a resource name). */
const ANY_KEY = '<any>';

function segmentsOf(path: string | readonly string[]): readonly string[] {
  return typeof path === 'string' ? path.split('.') : path;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  rules?: CompiledRule[];
}

function newNode(): TrieNode {
  return { children: new Map() };
}

/**
 * Compiles the groups into a trie per kind and group, one level per path segment: a lookup is a
 * handful of Map.get calls on segment strings the engine already holds (their hashes are cached),
 * with no key string built per field and no pattern scanned.
 */
export function compileTable(groups: readonly RuleGroup[]): CompiledTable {
  const byKind = new Map<string, Map<string, TrieNode>>();
  for (const group of groups) {
    for (const kindKey of group.kinds) {
      const slash = kindKey.lastIndexOf('/');
      const apiGroup = kindKey.slice(0, slash);
      const kind = kindKey.slice(slash + 1);
      let byGroup = byKind.get(kind);
      if (!byGroup) byKind.set(kind, (byGroup = new Map()));
      let root = byGroup.get(apiGroup);
      if (!root) byGroup.set(apiGroup, (root = newNode()));
      for (const prefix of group.prefixes) {
        for (const rule of group.rules) {
          let node = root;
          for (const segment of [...prefix, ...segmentsOf(rule.path)]) {
            let next = node.children.get(segment);
            if (!next) node.children.set(segment, (next = newNode()));
            node = next;
          }
          (node.rules ??= []).push({
            versions: group.versions,
            value: rule.value,
            matches: rule.matches,
            result: { reason: rule.reason ?? 'default', detail: rule.detail },
          });
        }
      }
    }
  }
  return {
    match(ctx) {
      let node = byKind.get(ctx.kind)?.get(ctx.group);
      const last = ctx.path.length - 1;
      for (let i = 0; node && i < last; i++) node = node.children.get(ctx.path[i] as string);
      if (node && last >= 0) {
        const exact = node.children.get(ctx.path[last] as string);
        node = exact?.rules ? exact : (node.children.get(ANY_KEY) ?? exact);
      }
      const rules = node?.rules;
      if (!rules) return undefined;
      for (const rule of rules) {
        if (rule.versions && !rule.versions.includes(ctx.apiVersion ?? ctx.root.apiVersion)) continue;
        if (rule.matches ? rule.matches(ctx) : rule.value !== undefined && (ctx.value === rule.value || isDeepStrictEqual(ctx.value, rule.value))) {
          return rule.result;
        }
      }
      return undefined;
    },
  };
}
