import { isJsonObject, type JsonObject, type JsonValue } from '../../model/index.js';
import { elementKey, isSetField, mergeKeysFor } from './merge-keys.js';

/**
 * Field sets in the `fieldsV1` notation of structured-merge-diff: `f:name` for a field, `k:{..}`
 * for a list element by its merge key, `v:..` for a set element, `.` for the node itself.
 * Flattened, a set is a map from a path (segments joined by SEP) to the JSON of the value there,
 * so two objects' sets can be compared leaf by leaf.
 */
export type FlatFields = Map<string, string>;

const SEP = '\u0001';
const SELF = '.';
const SELF_VALUE = '';

/** Fields whose values are maps with user-chosen keys: the map itself is owned too (`.`). */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'data',
  'binaryData',
  'stringData',
  'limits',
  'requests',
]);

/** Metadata a client can own; the rest is the server's. */
const OWNABLE_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

/** The ownable part of an object: what a manager can own when it writes `scope`. */
export function ownableContent(object: JsonObject, scope: 'main' | 'status'): JsonObject {
  if (scope === 'status') return isJsonObject(object.status) ? { status: object.status } : {};
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata' && isJsonObject(value)) {
      const metadata: JsonObject = {};
      for (const name of OWNABLE_METADATA) if (value[name] !== undefined) metadata[name] = value[name];
      if (Object.keys(metadata).length > 0) out.metadata = metadata;
      continue;
    }
    out[key] = value;
  }
  return out;
}

export function flattenObject(content: JsonObject): FlatFields {
  const out: FlatFields = new Map();
  walkFields(content, [], out);
  return out;
}

function walkFields(object: JsonObject, prefix: string[], out: FlatFields): void {
  for (const [name, value] of Object.entries(object)) walkValue(name, value, [...prefix, `f:${name}`], out);
}

function walkValue(field: string, value: JsonValue, path: string[], out: FlatFields): void {
  if (isJsonObject(value)) {
    if (Object.keys(value).length === 0 || isAtomicSelector(field, value)) {
      out.set(path.join(SEP), JSON.stringify(value));
      return;
    }
    if (MAP_FIELDS.has(field)) out.set([...path, SELF].join(SEP), SELF_VALUE);
    walkFields(value, path, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    const keys = mergeKeysFor(field, value);
    if (keys) {
      for (const element of value) {
        const elementPath = [...path, `k:${JSON.stringify(elementKey(element, keys))}`];
        out.set([...elementPath, SELF].join(SEP), SELF_VALUE);
        if (isJsonObject(element)) walkFields(element, elementPath, out);
      }
      return;
    }
    if (isSetField(field, value)) {
      for (const element of value) out.set([...path, `v:${JSON.stringify(element)}`].join(SEP), SELF_VALUE);
      return;
    }
  }
  out.set(path.join(SEP), JSON.stringify(value));
}

/** Label selectors are atomic (`x-kubernetes-map-type: atomic`): owned as one value. */
function isAtomicSelector(field: string, value: JsonObject): boolean {
  return field === 'selector' && ('matchLabels' in value || 'matchExpressions' in value);
}

/** Paths whose value is new or different in `next`, and paths `next` no longer has. */
export function changedPaths(previous: FlatFields, next: FlatFields): { changed: Set<string>; removed: Set<string> } {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const [path, value] of next) if (previous.get(path) !== value) changed.add(path);
  for (const path of previous.keys()) if (!next.has(path)) removed.add(path);
  return { changed, removed };
}

export function fieldsV1ToPaths(fields: JsonObject | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (node: JsonObject, prefix: string[]): void => {
    for (const [key, child] of Object.entries(node)) {
      const path = [...prefix, key];
      if (isJsonObject(child) && Object.keys(child).length > 0) walk(child, path);
      else out.add(path.join(SEP));
    }
  };
  if (fields) walk(fields, []);
  return out;
}

export function pathsToFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const path of [...paths].sort()) {
    let node = root;
    for (const segment of path.split(SEP)) {
      const child = node[segment];
      const next: JsonObject = isJsonObject(child) ? child : {};
      node[segment] = next;
      node = next;
    }
  }
  return root;
}

export function splitPath(path: string): string[] {
  return path.split(SEP);
}

export function joinPath(segments: string[]): string {
  return segments.join(SEP);
}

/** A path in the `.spec.replicas` form used by apply conflict messages. */
export function describePath(path: string): string {
  return path
    .split(SEP)
    .filter((segment) => segment !== SELF)
    .map((segment) => (segment.startsWith('f:') ? `.${segment.slice(2)}` : `[${segment.slice(2)}]`))
    .join('');
}
