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

function* childrenOf(ctx: DefaultContext): Generator<DefaultContext> {
  const { value } = ctx;
  if (Array.isArray(value)) {
    for (const item of value) yield { ...ctx, path: [...ctx.path, '*'], value: item };
  } else if (isJsonObject(value)) {
    for (const key in value) yield { ...ctx, path: [...ctx.path, key], value: value[key] as JsonValue, parent: value };
  }
}

function matchSubtree(ctx: DefaultContext): DefaultMatch | undefined {
  const details = new Set<string>();
  let reason: DefaultMatch['reason'] = 'default';
  for (const child of childrenOf(ctx)) {
    const match = matchServerDefault(child);
    if (!match) return undefined;
    if (match.reason === 'allocated') reason = 'allocated';
    details.add(match.detail);
  }
  if (details.size === 0) return undefined;
  const listed = [...details];
  const more = listed.length > MAX_DETAILS ? `; and ${listed.length - MAX_DETAILS} more` : '';
  return { reason, detail: listed.slice(0, MAX_DETAILS).join('; ') + more };
}
