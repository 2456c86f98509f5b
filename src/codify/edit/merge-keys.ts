import { isJsonObject } from '../../model/index.js';
import { deepEqual } from './json-values.js';

/**
 * Lists whose elements Kubernetes identifies by a key (the strategic-merge-patch keys of the
 * core API), so a live element is found in the source by that key, not by its position: the
 * server may reorder or append elements. `protocol` defaults to TCP on the server.
 */
const KEYS_BY_LIST: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  imagePullSecrets: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  hostAliases: ['ip'],
  readinessGates: ['conditionType'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const DEFAULTS: Record<string, string> = { protocol: 'TCP' };

/** The merge keys of the list reached by `pathToList` (segments from the object root), if any. */
export function mergeKeysFor(pathToList: readonly string[]): readonly string[] | undefined {
  const name = pathToList[pathToList.length - 1];
  if (name === undefined) return undefined;
  if (name === 'ports') {
    const owner = pathToList[pathToList.length - 3];
    return owner !== undefined && CONTAINER_LISTS.has(owner) ? ['containerPort', 'protocol'] : ['port', 'protocol'];
  }
  return KEYS_BY_LIST[name];
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
