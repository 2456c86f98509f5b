import { createHash } from 'node:crypto';
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

/** Where a skeleton keeps the digest of the content it was made from. */
export const APPLIED_DIGEST_KEY = 'driftback:digest';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function nonEmpty(map: unknown): unknown {
  return typeof map === 'object' && map !== null && Object.keys(map).length > 0 ? map : undefined;
}

/**
 * A digest of what an object applies: everything but status and the metadata the server or kubectl
 * fills in (namespace, which kubectl adds from the context; empty label and annotation maps,
 * which kubectl writes). Equal digests of a manifest and a last-applied-configuration mean the
 * manifest is what was applied, labels and annotations included.
 */
export function appliedDigest(object: unknown): string {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return '';
  const { status: _status, metadata, ...rest } = object as Record<string, unknown>;
  const meta = (typeof metadata === 'object' && metadata !== null ? metadata : {}) as Record<string, unknown>;
  const annotations = { ...((meta.annotations as Record<string, unknown> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const applied = { ...rest, metadata: { name: meta.name, labels: nonEmpty(meta.labels), annotations: nonEmpty(annotations) } };
  return createHash('sha256').update(canonical(applied)).digest('hex');
}

/**
 * What the diff needs of kubectl's last-applied-configuration: which fields it holds (a field Git
 * lacks that it holds was applied by hand), not their values, nor metadata (left to ownership),
 * and the digest that tells whether it was Git that was applied.
 * The operator caches this skeleton, a fraction of the full copy, so it finds the same drift as
 * `scan` within its memory budget. Undefined when the annotation is not JSON.
 */
export function lastAppliedSkeleton(text: string): string | undefined {
  try {
    const applied = JSON.parse(text) as unknown;
    if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) return undefined;
    const { metadata: _metadata, ...rest } = applied as Record<string, unknown>;
    if (Object.keys(rest).length === 0) return '{}';
    return JSON.stringify({ [APPLIED_DIGEST_KEY]: appliedDigest(applied), ...(skeleton(rest, '') as object) });
  } catch {
    return undefined;
  }
}
