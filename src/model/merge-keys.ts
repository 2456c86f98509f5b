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
