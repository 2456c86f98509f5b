import { isJsonObject, type JsonObject, type JsonValue } from '../../model/index.js';

export type SourcePath = Array<string | number>;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

export function valueAt(root: unknown, path: SourcePath): unknown {
  let cursor = root;
  for (const key of path) {
    if (Array.isArray(cursor) && typeof key === 'number') cursor = cursor[key];
    else if (isJsonObject(cursor) && typeof key === 'string') cursor = cursor[key];
    else return undefined;
  }
  return cursor;
}

/** What the edited document must equal afterwards, as an operation on the source's own coordinates. */
export type ExpectedOp =
  | { kind: 'set'; path: SourcePath; value: JsonValue }
  | { kind: 'insert'; path: SourcePath; value: JsonValue }
  | { kind: 'delete'; path: SourcePath };

export function applyExpected(root: unknown, op: ExpectedOp): unknown {
  const copy: unknown = structuredClone(root);
  const parent = valueAt(copy, op.path.slice(0, -1));
  const key = op.path[op.path.length - 1];
  if (key === undefined) return op.kind === 'delete' ? null : op.value;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (op.kind === 'delete') parent.splice(key, 1);
    else if (op.kind === 'insert') parent.splice(key, 0, op.value);
    else parent[key] = op.value;
  } else if (isJsonObject(parent) && typeof key === 'string') {
    if (op.kind === 'delete') delete parent[key];
    else parent[key] = op.value;
  }
  return copy;
}

/** Wraps `value` in the maps named by `keys`: (['a','b'], 1) gives { a: { b: 1 } }. */
export function nestValue(keys: readonly string[], value: JsonValue): JsonValue {
  return keys.reduceRight<JsonValue>((inner, key): JsonObject => ({ [key]: inner }), value);
}
