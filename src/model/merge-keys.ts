import { isJsonObject } from './json.js';

/**
 * The list merge keys of the built-in types (`patchMergeKey` / `listMapKeys` in k8s.io/api), by
 * field name. The diff pairs list elements by them, codify finds the element in the source by
 * them, and the stand-in merges patches and keys managedFields by them: one table, so the three
 * can never disagree about which element is which.
 */
export const LIST_MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  imagePullSecrets: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  hostAliases: ['ip'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  readinessGates: ['conditionType'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

/** `ports` holds container ports in a Pod spec and Service ports in a Service; the server defaults protocol to TCP. */
export const CONTAINER_PORT_KEYS: readonly string[] = ['containerPort', 'protocol'];
export const SERVICE_PORT_KEYS: readonly string[] = ['port', 'protocol'];
export const DEFAULT_PORT_PROTOCOL = 'TCP';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const KEY_DEFAULTS: Record<string, string> = { protocol: DEFAULT_PORT_PROTOCOL };

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
  return value ?? KEY_DEFAULTS[key];
}

/** Whether two list elements are the same element by the list's merge keys (key values are scalars). */
export function sameListElement(candidate: unknown, wanted: unknown, keys: readonly string[]): boolean {
  const [primary] = keys;
  if (primary === undefined || keyValue(wanted, primary) === undefined) return false;
  return keys.every((key) => keyValue(candidate, key) === keyValue(wanted, key));
}
