import { CONTAINER_PORT_KEYS, LIST_MERGE_KEYS, SERVICE_PORT_KEYS } from './merge-keys.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The only values the check reads: the merge keys that pair list elements. */
const KEY_FIELDS = new Set([...Object.values(LIST_MERGE_KEYS).flat(), ...CONTAINER_PORT_KEYS, ...SERVICE_PORT_KEYS]);

function skeleton(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => skeleton(item, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [child, item] of Object.entries(value)) out[child] = skeleton(item, child);
    return out;
  }
  return KEY_FIELDS.has(key) ? value : 0;
}

/**
 * What the diff needs of kubectl's last-applied-configuration: which fields it holds (a field Git
 * lacks that it holds was applied by hand), not their values, nor metadata (left to ownership).
 * The operator caches this skeleton, a fraction of the full copy, so it finds the same drift as
 * `scan` within its memory budget. Undefined when the annotation is not JSON.
 */
export function lastAppliedSkeleton(text: string): string | undefined {
  try {
    const applied = JSON.parse(text) as unknown;
    if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) return undefined;
    const { metadata: _metadata, ...rest } = applied as Record<string, unknown>;
    return JSON.stringify(skeleton(rest, ''));
  } catch {
    return undefined;
  }
}
