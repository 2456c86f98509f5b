import { isJsonObject, type BaselineProblem, type JsonValue, type KubeObject, type Manifest } from '../model/index.js';
import { baselineProblem, type ProblemPlace } from './baseline-problem.js';
import type { ParsedDocument } from './parse-documents.js';

const KUSTOMIZE_CONFIG_GROUP = 'kustomize.config.k8s.io/';

/**
 * The Kubernetes objects in one parsed document. A `List` (or `<Kind>List`) with `items` is
 * expanded as kubectl does: each item is an object of its own, at the List's document index and
 * the item's own line. Anything that is not an object is skipped with a warning naming its place.
 */
export function toManifests(path: string, doc: ParsedDocument): { manifests: Manifest[]; problems: BaselineProblem[] } {
  const manifests: Manifest[] = [];
  const problems: BaselineProblem[] = [];
  const place: ProblemPlace = { path, document: doc.index, line: doc.line };
  const skip = (where: ProblemPlace, why: string): void => {
    problems.push(baselineProblem('skipped', where, why));
  };

  const { value } = doc;
  if (isJsonObject(value) && typeof value.apiVersion === 'string' && value.apiVersion.startsWith(KUSTOMIZE_CONFIG_GROUP)) {
    skip(place, 'a Kustomize configuration outside a kustomization file (only a directory with kustomization.yaml is rendered)');
  } else if (isJsonObject(value) && isListKind(value.kind) && Array.isArray(value.items)) {
    value.items.forEach((item, itemIndex) => {
      const line = doc.itemLines[itemIndex] ?? doc.line;
      const object = asKubeObject(item);
      if (typeof object === 'string') skip({ ...place, item: itemIndex, line }, object);
      else manifests.push(toManifest(object, { path, document: doc.index, line }));
    });
  } else {
    const object = asKubeObject(value);
    if (typeof object === 'string') skip(place, object);
    else manifests.push(toManifest(object, { path, document: doc.index, line: doc.line }));
  }
  return { manifests, problems };
}

function isListKind(kind: JsonValue | undefined): boolean {
  return typeof kind === 'string' && kind.endsWith('List');
}

/** The value as a Kubernetes object, or why it is not one. */
function asKubeObject(value: JsonValue): KubeObject | string {
  if (!isJsonObject(value)) {
    return `not a Kubernetes object (a ${Array.isArray(value) ? 'sequence' : typeof value}, not a mapping)`;
  }
  const metadata = value.metadata;
  const hasName = isJsonObject(metadata) && typeof metadata.name === 'string' && metadata.name !== '';
  if (!hasName && isJsonObject(metadata) && typeof metadata.generateName === 'string' && metadata.generateName) {
    return (
      `cannot be compared: it has metadata.generateName ('${metadata.generateName}') and no name, so the API server ` +
      'names each object it creates from it (an Argo CD hook Job, say) and no live object is this one'
    );
  }
  const missing = [
    typeof value.apiVersion === 'string' && value.apiVersion ? undefined : 'apiVersion',
    typeof value.kind === 'string' && value.kind ? undefined : 'kind',
    hasName ? undefined : 'metadata.name',
  ].filter((field) => field !== undefined);
  if (missing.length > 0) return `not a Kubernetes object (no ${missing.join(', ')})`;
  if (isJsonObject(metadata) && metadata.namespace !== undefined && typeof metadata.namespace !== 'string') {
    return 'metadata.namespace is not a string';
  }
  // Checked above: apiVersion, kind and metadata.name are non-empty strings.
  return value as unknown as KubeObject;
}

function toManifest(object: KubeObject, source: Manifest['source']): Manifest {
  const { apiVersion, kind, metadata } = object;
  const namespace = metadata.namespace || undefined;
  // The contract's key order (apiVersion, kind, namespace, name): the ref is the report's `object`.
  return { ref: { apiVersion, kind, ...(namespace ? { namespace } : {}), name: metadata.name }, object, source };
}
