import { isJsonObject, type JsonValue } from '../../model/index.js';
import { isIndexSegment } from './pointer.js';

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

function valueAt(root: unknown, path: SourcePath): unknown {
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

/**
 * Wraps `value` in what the source lacks on the way to it, shaped as live has it: (['env', '0'],
 * v) gives { env: [v] } when live's env is a list. Only a list's first element can be created
 * this way; undefined when a later one is asked for, or when live does not say whether `0` is
 * a list index or a map key.
 */
export function nestValue(keys: readonly string[], value: JsonValue, live: unknown): JsonValue | undefined {
  const [head, ...tail] = keys;
  if (head === undefined) return value;
  if (Array.isArray(live)) {
    const inner = head === '0' ? nestValue(tail, value, live[0]) : undefined;
    return inner === undefined ? undefined : [inner];
  }
  if (!isJsonObject(live) && isIndexSegment(head)) return undefined;
  const inner = nestValue(tail, value, isJsonObject(live) ? live[head] : undefined);
  return inner === undefined ? undefined : { [head]: inner };
}
