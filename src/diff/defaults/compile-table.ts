import type { JsonValue } from '../../model/index.js';
import { jsonEqual } from './conditions.js';
import type { DefaultContext, DefaultMatch, DefaultRule } from './types.js';

/** Rules of one scope (object root, pod spec, container, ...) mounted at one or more prefixes. */
export interface RuleGroup {
  /** `group/kind` keys, '' for the core group: 'apps/Deployment', '/Service'. */
  kinds: readonly string[];
  /** Where the scope sits in the object; `[]` is the object root. */
  prefixes: readonly (readonly string[])[];
  rules: readonly DefaultRule[];
}

interface CompiledRule {
  value?: JsonValue;
  matches?: (ctx: DefaultContext) => boolean;
  result: DefaultMatch;
}

export interface CompiledTable {
  match(ctx: DefaultContext): DefaultMatch | undefined;
}

// '\u0000' cannot appear in a Kubernetes field name, so joined keys never collide.
const SEP = '\u0000';

/** As the last segment of a rule's path: any map key (a label, an annotation, a resource name). */
const ANY_KEY = '<any>';

function segmentsOf(path: string | readonly string[]): readonly string[] {
  return typeof path === 'string' ? path.split('.') : path;
}

function keyOf(group: string, kind: string, path: readonly string[]): string {
  return `${group}/${kind}${SEP}${path.join(SEP)}`;
}

/**
 * Expands every group to one map entry per kind and prefix, so a lookup is one string key
 * built from the context instead of a scan over patterns.
 */
export function compileTable(groups: readonly RuleGroup[]): CompiledTable {
  const table = new Map<string, CompiledRule[]>();
  for (const group of groups) {
    for (const kindKey of group.kinds) {
      for (const prefix of group.prefixes) {
        for (const rule of group.rules) {
          const key = `${kindKey}${SEP}${[...prefix, ...segmentsOf(rule.path)].join(SEP)}`;
          const entry: CompiledRule = {
            value: rule.value,
            matches: rule.matches,
            result: { reason: rule.reason ?? 'default', detail: rule.detail },
          };
          const list = table.get(key);
          if (list) list.push(entry);
          else table.set(key, [entry]);
        }
      }
    }
  }
  return {
    match(ctx) {
      const exact = table.get(keyOf(ctx.group, ctx.kind, ctx.path));
      const rules = exact ?? table.get(keyOf(ctx.group, ctx.kind, [...ctx.path.slice(0, -1), ANY_KEY]));
      if (!rules) return undefined;
      for (const rule of rules) {
        if (rule.matches ? rule.matches(ctx) : rule.value !== undefined && jsonEqual(ctx.value, rule.value)) {
          return rule.result;
        }
      }
      return undefined;
    },
  };
}
