import { groupOf, isJsonObject, type Change, type JsonValue, type KubeObject, type ObjectRef } from '../../model/index.js';
import { deepEqual } from '../edit/json-values.js';

/** kustomize's name hash: ten characters from its own alphabet, after a dash. */
const HASH_SUFFIX = /-[2-9b-dfghkmt]{10}$/;

export interface RenderDifference {
  object: string;
  pointer: string;
}

export interface RenderComparison {
  differences: RenderDifference[];
  /** Generated objects whose name hash changed: before name to after name. */
  renamed: Map<string, string>;
  /** The objects after the edit, by key, with renamed names (and references to them) as before. */
  after: Map<string, KubeObject>;
}

/**
 * Every field that differs between two renders of one root, object by object. A generated
 * ConfigMap or Secret whose content changes gets a new hash suffix; that rename (and every
 * reference to the new name) is set apart in `renamed` instead of showing as a removed and an
 * added object.
 */
export function compareRenders(before: readonly KubeObject[], after: readonly KubeObject[]): RenderComparison {
  const renamed = new Map<string, string>();
  const beforeByKey = new Map(before.map((object) => [keyOf(object), object]));
  const afterByKey = new Map(after.map((object) => [keyOf(object), object]));
  for (const [key, object] of afterByKey) {
    if (beforeByKey.has(key) || !HASH_SUFFIX.test(object.metadata.name)) continue;
    const stem = object.metadata.name.replace(HASH_SUFFIX, '');
    const previous = before.find((candidate) => sameKind(candidate, object) && candidate.metadata.name !== object.metadata.name && candidate.metadata.name.replace(HASH_SUFFIX, '') === stem && !afterByKey.has(keyOf(candidate)));
    if (previous) renamed.set(previous.metadata.name, object.metadata.name);
  }
  const back = new Map([...renamed].map(([from, to]) => [to, from]));
  const differences: RenderDifference[] = [];
  const afterNormalized = new Map([...afterByKey.values()].map((object) => {
    const normalized = renameStrings(object, back) as unknown as KubeObject;
    return [keyOf(normalized), normalized];
  }));
  for (const key of new Set([...beforeByKey.keys(), ...afterNormalized.keys()])) {
    diffValues(beforeByKey.get(key) as JsonValue | undefined, afterNormalized.get(key) as JsonValue | undefined, '', (pointer) => differences.push({ object: key, pointer }));
  }
  return { differences, renamed, after: afterNormalized };
}

/** The render key of an object, as `describeRef` spells it with the group: `apps/Deployment shop/web`. */
export function keyOf(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'> | ObjectRef): string {
  const name = 'metadata' in object ? object.metadata.name : object.name;
  const namespace = 'metadata' in object ? object.metadata.namespace : object.namespace;
  return `${groupOf(object.apiVersion)}/${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * Whether the edit did exactly what was asked: in the render of `target`, every applied change's
 * field now holds the live value (or is gone, for a removal), and nothing else in any object
 * moved. Returns the unexpected differences, empty when the edit is right.
 */
export function unexpectedDifferences(comparison: RenderComparison, target: string, applied: readonly Change[]): string[] {
  const object = comparison.after.get(target);
  const problems: string[] = [];
  for (const change of applied) {
    const value = object === undefined ? undefined : valueAt(object, change.path);
    const wanted = change.op === 'remove' ? undefined : change.live;
    if (!deepEqual(value, wanted)) problems.push(`${target} ${change.path} renders as ${value === undefined ? '(absent)' : JSON.stringify(value)}`);
  }
  for (const difference of comparison.differences) {
    const covered = difference.object === target && applied.some((change) => difference.pointer === change.path || difference.pointer.startsWith(`${change.path}/`));
    if (!covered) problems.push(`${difference.object} ${difference.pointer || '(the whole object)'} changed too`);
  }
  return problems;
}

function sameKind(a: KubeObject, b: KubeObject): boolean {
  return a.kind === b.kind && groupOf(a.apiVersion) === groupOf(b.apiVersion) && a.metadata.namespace === b.metadata.namespace;
}

function renameStrings(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (names.size === 0) return value;
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => renameStrings(item, names));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renameStrings(item, names)]));
  return value;
}

function diffValues(a: JsonValue | undefined, b: JsonValue | undefined, pointer: string, report: (pointer: string) => void): void {
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) diffValues(a[key], b[key], `${pointer}/${escape(key)}`, report);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], `${pointer}/${i}`, report);
  } else if (!deepEqual(a, b)) {
    report(pointer);
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let cursor = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cursor)) cursor = cursor[Number(key)];
    else if (isJsonObject(cursor)) cursor = cursor[key];
    else return undefined;
  }
  return cursor;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
