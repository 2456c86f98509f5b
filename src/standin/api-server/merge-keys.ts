import { CONTAINER_PORT_KEYS, DEFAULT_PORT_PROTOCOL, LIST_MERGE_KEYS, SERVICE_PORT_KEYS, isJsonObject, type JsonValue } from '../../model/index.js';

/**
 * The list merge keys of the built-in types (`patchMergeKey` / `listMapKeys` in k8s.io/api), by
 * field name. Strategic merge patch and managedFields both identify list elements by them.
 */
// Beyond the spec lists, metadata and status lists are keyed too: managedFields names their elements.
const KEYS_BY_FIELD: Readonly<Record<string, readonly string[]>> = { ...LIST_MERGE_KEYS, ownerReferences: ['uid'], conditions: ['type'] };

/** Lists of scalars that are sets: their elements are owned one by one (`v:"x"`). */
const SET_FIELDS = new Set(['finalizers']);

/** Protocol is defaulted before keys are taken, so a port without one is keyed as TCP. */
const DEFAULT_PROTOCOL = DEFAULT_PORT_PROTOCOL;

export function mergeKeysFor(field: string, elements: JsonValue[]): string[] | undefined {
  if (!elements.every(isJsonObject)) return undefined;
  if (field === 'ports') {
    const isContainerPort = elements.some((e) => isJsonObject(e) && 'containerPort' in e);
    return isContainerPort ? [...CONTAINER_PORT_KEYS] : [...SERVICE_PORT_KEYS];
  }
  const keys = KEYS_BY_FIELD[field];
  return keys && [...keys];
}

export function isSetField(field: string, elements: JsonValue[]): boolean {
  return SET_FIELDS.has(field) && elements.every((e) => !isJsonObject(e) && !Array.isArray(e));
}

/** The key of one list element, with the keys in name order as structured-merge-diff prints them. */
export function elementKey(element: JsonValue, keys: string[]): Record<string, JsonValue> {
  const key: Record<string, JsonValue> = {};
  if (!isJsonObject(element)) return key;
  for (const name of [...keys].sort()) {
    const value = element[name] ?? (name === 'protocol' ? DEFAULT_PROTOCOL : undefined);
    if (value !== undefined) key[name] = value;
  }
  return key;
}

export function sameElement(a: JsonValue, b: JsonValue, keys: string[]): boolean {
  return JSON.stringify(elementKey(a, keys)) === JSON.stringify(elementKey(b, keys));
}
