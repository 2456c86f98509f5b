import { isJsonObject, type KubeObject, type ObjectMeta } from '../../model/index.js';
import { asJson } from './json-util.js';

/** The field order of metav1.ObjectMeta, so objects read like a real server's. */
const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** Go's `omitempty`: empty label maps and finalizer lists are not serialized. */
const OMIT_EMPTY = new Set(['labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields']);

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

export function orderMetadata(metadata: ObjectMeta): ObjectMeta {
  const ordered: Record<string, unknown> = {};
  const keep = (key: string, value: unknown): boolean => value !== undefined && !(OMIT_EMPTY.has(key) && isEmpty(value));
  for (const key of METADATA_ORDER) if (keep(key, metadata[key])) ordered[key] = metadata[key];
  for (const [key, value] of Object.entries(metadata)) if (!(key in ordered) && keep(key, value)) ordered[key] = value;
  return ordered as ObjectMeta;
}

/** A stored CRD is accepted and established at once: `kubectl wait --for condition=established` works. */
export function withDefinitionStatus(crd: KubeObject): KubeObject {
  const spec = isJsonObject(asJson(crd).spec) ? asJson(crd).spec : {};
  const names = isJsonObject(spec) && isJsonObject(spec.names) ? spec.names : {};
  const versions = isJsonObject(spec) && Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  const storage = versions.find((v) => v.storage === true) ?? versions[0];
  const time = crd.metadata.creationTimestamp ?? '';
  const condition = (type: string, reason: string, message: string): Record<string, string> => ({
    type,
    status: 'True',
    lastTransitionTime: time,
    reason,
    message,
  });
  return {
    ...crd,
    status: {
      conditions: [
        condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
        condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
      ],
      acceptedNames: names,
      storedVersions: storage ? [String(storage.name)] : [],
    },
  };
}
