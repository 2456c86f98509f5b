import type { JsonValue } from '../model/index.js';

/**
 * What a JSON round trip (`JSON.parse(JSON.stringify(value))`) would give, made in place: `.inf`
 * and `.nan` become null, -0 becomes 0, undefined is dropped from mappings and null in
 * sequences. For a value yaml's `toJS` built from a document without aliases, where no object is
 * shared and the copy is only needed for these few values, without the cost of copying all of it.
 */
export function jsonInPlace(value: unknown): JsonValue | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const json = jsonInPlace(item);
      if (json === undefined || !Object.is(json, item)) value[i] = json ?? null;
    }
    return value as JsonValue[];
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const json = jsonInPlace(item);
      if (json === undefined) delete record[key];
      // defineProperty, not assignment: a `__proto__` key is data here, as JSON.parse makes it.
      else if (!Object.is(json, item)) Object.defineProperty(record, key, { value: json, writable: true, enumerable: true, configurable: true });
    }
    return record as JsonValue;
  }
  return value as JsonValue | undefined;
}
