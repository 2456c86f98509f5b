import type { JsonValue } from '../../model/index.js';
import { isJsonObject } from '../../model/index.js';
import { compileTable } from './compile-table.js';
import { DEFAULT_TABLE } from './table.js';
import type { DefaultContext, DefaultMatch } from './types.js';

const compiled = compileTable(DEFAULT_TABLE);
const MAX_DETAILS = 3;

/**
 * Whether the API server filled in this live-only field, and why; undefined when a person did.
 * An object or list without a rule of its own is a default when every field below it is one, so
 * the answer is the same whether the engine asks about a subtree or about its leaves.
 */
export function matchServerDefault(ctx: DefaultContext): DefaultMatch | undefined {
  return compiled.match(ctx) ?? matchSubtree(ctx);
}

function matchSubtree(ctx: DefaultContext): DefaultMatch | undefined {
  const { value } = ctx;
  let children: DefaultContext[];
  if (Array.isArray(value)) {
    children = value.map((item: JsonValue) => ({ ...ctx, path: [...ctx.path, '*'], value: item }));
  } else if (isJsonObject(value)) {
    children = Object.entries(value).map(([key, item]) => ({ ...ctx, path: [...ctx.path, key], value: item, parent: value }));
  } else {
    return undefined;
  }
  if (children.length === 0) return undefined;
  const details = new Set<string>();
  let reason: DefaultMatch['reason'] = 'default';
  for (const child of children) {
    const match = matchServerDefault(child);
    if (!match) return undefined;
    if (match.reason === 'allocated') reason = 'allocated';
    details.add(match.detail);
  }
  const listed = [...details];
  const more = listed.length > MAX_DETAILS ? `; and ${listed.length - MAX_DETAILS} more` : '';
  return { reason, detail: listed.slice(0, MAX_DETAILS).join('; ') + more };
}
