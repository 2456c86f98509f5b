import { CONTAINER_PORT_KEYS, DEFAULT_PORT_PROTOCOL, LIST_MERGE_KEYS, SERVICE_PORT_KEYS, isJsonObject } from '../../model/index.js';
import { deepEqual } from './json-values.js';

/**
 * Lists whose elements Kubernetes identifies by a key (the strategic-merge-patch keys of the
 * core API), so a live element is found in the source by that key, not by its position: the
 * server may reorder or append elements. `protocol` defaults to TCP on the server.
 */
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const DEFAULTS: Record<string, string> = { protocol: DEFAULT_PORT_PROTOCOL };

/** The merge keys of the list reached by `pathToList` (segments from the object root), if any. */
export function mergeKeysFor(pathToList: readonly string[]): readonly string[] | undefined {
  const name = pathToList[pathToList.length - 1];
  if (name === undefined) return undefined;
  if (name === 'ports') {
    const owner = pathToList[pathToList.length - 3];
    return owner !== undefined && CONTAINER_LISTS.has(owner) ? CONTAINER_PORT_KEYS : SERVICE_PORT_KEYS;
  }
  return LIST_MERGE_KEYS[name];
}

function keyValue(element: unknown, key: string): unknown {
  const value = isJsonObject(element) ? element[key] : undefined;
  return value ?? DEFAULTS[key];
}

export function sameListElement(candidate: unknown, wanted: unknown, keys: readonly string[]): boolean {
  const [primary] = keys;
  if (primary === undefined || keyValue(wanted, primary) === undefined) return false;
  return keys.every((key) => deepEqual(keyValue(candidate, key), keyValue(wanted, key)));
}
