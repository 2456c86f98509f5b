import { isJsonObject, type Change, type JsonObject, type JsonValue } from '../../model/index.js';
import { parseImage } from '../../kustomize/index.js';

/**
 * Changes to a kustomization file's own data (pointers into the kustomization, not into an
 * object), made by src/codify/edit like any other byte-minimal edit.
 */

/** R1: the `images` entry at `index` made to produce `liveImage`. */
export function imageEntryChanges(kustomization: JsonObject, index: number, liveImage: string): Change[] {
  const entry = entryAt(kustomization, 'images', index);
  const wanted = parseImage(liveImage);
  const changes: Change[] = [];
  const set = (field: string, value: string | undefined): void => {
    const current = entry[field];
    const path = `/images/${index}/${field}`;
    if (value === undefined) {
      if (current !== undefined) changes.push({ op: 'remove', path, baseline: current });
    } else if (current === undefined) {
      changes.push({ op: 'add', path, live: value });
    } else if (String(current) !== value) {
      changes.push({ op: 'replace', path, baseline: current, live: value });
    }
  };
  if (wanted.name !== (entry.newName ?? entry.name)) set('newName', wanted.name);
  set('newTag', wanted.tag);
  set('digest', wanted.digest);
  return changes;
}

/** R1: the `replicas` entry at `index` set to the live count. */
export function replicasEntryChange(kustomization: JsonObject, index: number, count: JsonValue): Change {
  return { op: 'replace', path: `/replicas/${index}/count`, baseline: entryAt(kustomization, 'replicas', index).count ?? null, live: count };
}

/** R3: a new entry at the end of a list of the kustomization (`patches`), creating the list if absent. */
export function appendEntry(kustomization: JsonObject, field: string, entry: JsonValue): Change {
  const list = kustomization[field];
  return Array.isArray(list) ? { op: 'add', path: `/${field}/${list.length}`, live: entry } : { op: 'add', path: `/${field}`, live: [entry] };
}

/**
 * A generated ConfigMap's key: a `behavior: merge` entry of the overlay gets the literal (its
 * existing literal for the key is replaced), or a new merge entry is added.
 */
export function mergeLiteralChange(kustomization: JsonObject, name: string, key: string, value: string): Change {
  const literal = `${key}=${value}`;
  const generators = Array.isArray(kustomization.configMapGenerator) ? kustomization.configMapGenerator : [];
  const index = generators.findIndex((entry) => isJsonObject(entry) && entry.name === name && (entry.behavior === 'merge' || entry.behavior === undefined));
  if (index === -1) return appendEntry(kustomization, 'configMapGenerator', { name, behavior: 'merge', literals: [literal] });
  const literals = entryAt(kustomization, 'configMapGenerator', index).literals;
  if (!Array.isArray(literals)) return { op: 'add', path: `/configMapGenerator/${index}/literals`, live: [literal] };
  const at = literals.findIndex((entry) => typeof entry === 'string' && entry.split('=')[0] === key);
  if (at === -1) return { op: 'add', path: `/configMapGenerator/${index}/literals/${literals.length}`, live: literal };
  return { op: 'replace', path: `/configMapGenerator/${index}/literals/${at}`, baseline: literals[at]!, live: literal };
}

/** The kustomization's data after the changes: what the editor checks its text edit against. */
export function withChanges(value: JsonObject, changes: readonly Change[]): JsonObject {
  const copy = structuredClone(value);
  for (const change of changes) {
    const segments = change.path.split('/').slice(1);
    const last = segments.pop()!;
    let cursor: JsonValue = copy;
    for (const segment of segments) cursor = Array.isArray(cursor) ? cursor[Number(segment)]! : (cursor as JsonObject)[segment]!;
    if (Array.isArray(cursor)) {
      if (change.op === 'remove') cursor.splice(Number(last), 1);
      else cursor[Number(last)] = change.live!;
    } else if (isJsonObject(cursor)) {
      if (change.op === 'remove') delete cursor[last];
      else cursor[last] = change.live!;
    }
  }
  return copy;
}

function entryAt(kustomization: JsonObject, field: string, index: number): JsonObject {
  const list = kustomization[field];
  const entry = Array.isArray(list) ? list[index] : undefined;
  return isJsonObject(entry) ? entry : {};
}
