import { isJsonObject, type JsonObject, type JsonValue } from '../../model/index.js';
import { isSetField, mergeKeysFor, sameElement } from './merge-keys.js';

/**
 * Strategic merge patch (k8s.io/apimachinery strategicpatch) for the built-in types: lists with a
 * merge key merge element by element, sets of scalars merge as sets, other lists replace, and
 * the `$patch`, `$retainKeys`, `$setElementOrder` and `$deleteFromPrimitiveList` directives that
 * kubectl's three-way patches carry are honoured.
 */
export function strategicMerge(original: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const result: JsonObject = isJsonObject(original) ? { ...original } : {};
  const orders: Array<[string, JsonValue[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/')) {
      if (Array.isArray(value)) orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        result[field] = current.filter((item) => !value.some((gone) => gone === item));
      }
      continue;
    }
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else if (isJsonObject(value) && value.$patch === 'delete') delete result[key];
    else result[key] = mergeField(key, result[key], value);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    for (const key of Object.keys(result)) if (!keep.has(key)) delete result[key];
  }
  for (const [field, order] of orders) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = reorder(field, list, order);
  }
  return result;
}

function mergeField(field: string, original: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!Array.isArray(patch)) return strategicMerge(original, patch);
  if (!Array.isArray(original)) return patch.filter((item) => !isDirective(item)).map((item) => stripDeep(item));
  if (isSetField(field, patch) && isSetField(field, original)) {
    return [...original, ...patch.filter((item) => !original.includes(item))];
  }
  const keys = mergeKeysFor(field, [...original, ...patch.filter((item) => !isDirective(item))]);
  if (!keys || patch.some((item) => isJsonObject(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !isDirective(item)).map((item) => stripDeep(item));
  }
  const result = [...original];
  for (const item of patch) {
    const index = result.findIndex((existing) => sameElement(existing, item, keys));
    if (isJsonObject(item) && item.$patch === 'delete') {
      if (index !== -1) result.splice(index, 1);
    } else if (index === -1) {
      result.push(stripDeep(item));
    } else {
      result[index] = strategicMerge(result[index], item);
    }
  }
  return result;
}

/** `$setElementOrder` lists the patched list's keys in their wanted order; others keep their place after. */
function reorder(field: string, list: JsonValue[], order: JsonValue[]): JsonValue[] {
  const keys = mergeKeysFor(field, list);
  const matches = (a: JsonValue, b: JsonValue): boolean => (keys ? sameElement(a, b, keys) : a === b);
  const ordered = order.flatMap((wanted) => list.filter((item) => matches(item, wanted)));
  return [...ordered, ...list.filter((item) => !ordered.includes(item))];
}

function isDirective(item: JsonValue): boolean {
  return isJsonObject(item) && typeof item.$patch === 'string';
}

function withoutDirectives(object: JsonObject): JsonObject {
  return stripDeep(object) as JsonObject;
}

/** New content from a patch must not keep directive keys. */
function stripDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(stripDeep);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (!key.startsWith('$') && child !== null) out[key] = stripDeep(child);
  return out;
}
