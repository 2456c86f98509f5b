import type { KubeObject } from '../model/index.js';

/**
 * cel-js treats a JS number as a CEL double and only a bigint as an int, so `replicas + 1`
 * would fail and `replicas == 5` would compare doubles. JSON integers become bigints here,
 * once per object; everything else is shared, not copied. cel-js also refuses objects whose
 * constructor is not this realm's Object (structuredClone, vm contexts), so those are copied.
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? toCelInt(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined = value.constructor === Array ? undefined : Array.from(value);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const converted = typeof item === 'string' ? item : toCelValue(item);
      if (converted !== item) (copy ??= value.slice())[i] = converted;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined = record.constructor === Object ? undefined : { ...record };
  for (const key in record) {
    const item = record[key];
    const converted = typeof item === 'string' ? item : toCelValue(item);
    if (converted !== item) (copy ??= { ...record })[key] = converted;
  }
  return copy ?? value;
}

/** Ports, counts, seconds: most integers in an object are small; their bigints are shared. */
const SMALL_INTS: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));

function toCelInt(value: number): bigint {
  return value >= 0 && value < SMALL_INTS.length ? SMALL_INTS[value]! : BigInt(value);
}

/**
 * As toCelValue, but managedFields (large, numberless, server bookkeeping) are passed through
 * unwalked, and the root is always a new object: helpers memoize per root (containersOf), so a
 * caller that later edits its object in place never sees a stale answer.
 */
export function toCelObject(object: KubeObject): unknown {
  if (object.metadata?.managedFields === undefined) return { ...(toCelValue(object) as KubeObject) };
  const { managedFields, ...metadata } = object.metadata;
  const converted = toCelValue({ ...object, metadata }) as KubeObject;
  return { ...converted, metadata: { ...converted.metadata, managedFields } };
}
