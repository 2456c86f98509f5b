import type { JsonValue } from '../model/index.js';
import { isJsonObject, LAST_APPLIED_ANNOTATION } from '../model/index.js';
import { partnerOf } from './match-list-elements.js';

/**
 * Client-side `kubectl apply` writes every field as kubectl-client-side-apply, whether a pipeline
 * applied Git or a person applied an edited copy by hand, so ownership cannot tell a hand-applied
 * env var from a default. The last-applied-configuration can: it holds what was applied, and a
 * default is never in it. A field Git lacks that it does hold was applied from something other
 * than Git. Metadata is left to ownership: Argo CD adds its tracking label to what it applies.
 */
export function parseLastApplied(annotations: unknown): JsonValue | undefined {
  if (!isJsonObject(annotations)) return undefined;
  const text = annotations[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Whether the last-applied configuration holds the live path (`values[i]` is the live value at depth i). */
export function lastAppliedHolds(
  applied: JsonValue | undefined,
  path: readonly string[],
  values: readonly (JsonValue | undefined)[],
): boolean {
  if (applied === undefined || path[0] === 'metadata') return false;
  let node: JsonValue | undefined = applied;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    if (Array.isArray(values[i])) {
      if (!Array.isArray(node)) return false;
      node = partnerOf(path[i - 1] ?? '', node, values[i + 1], Number(segment)) as JsonValue | undefined;
    } else {
      if (!isJsonObject(node)) return false;
      node = node[segment];
    }
    if (node === undefined || node === null) return false;
  }
  return true;
}
