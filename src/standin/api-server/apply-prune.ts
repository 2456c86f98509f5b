import { isJsonObject, type JsonObject, type JsonValue, type ManagedFieldsEntry } from '../../model/index.js';
import { fieldsV1ToPaths, flattenObject, joinPath, ownableContent, splitPath } from './field-set.js';
import { elementKey } from './merge-keys.js';
import { cloneJson } from './json-util.js';

/**
 * Server-side apply removes what an applier stops applying: a field it owned before, that its new
 * configuration leaves out and that no other manager owns, is deleted from the object. A list
 * element goes only when nothing under it is still owned.
 */
export function pruneUnapplied(object: JsonObject, entries: ManagedFieldsEntry[], applied: JsonObject, manager: string): JsonObject {
  const isApplier = (e: ManagedFieldsEntry): boolean => e.manager === manager && e.operation === 'Apply' && !e.subresource;
  const previous = entries.filter(isApplier).flatMap((e) => [...fieldsV1ToPaths(e.fieldsV1)]);
  if (previous.length === 0) return object;
  const kept = new Set(flattenObject(ownableContent(applied, 'main')).keys());
  for (const entry of entries) if (!isApplier(entry)) for (const path of fieldsV1ToPaths(entry.fieldsV1)) kept.add(path);
  const stillOwned = (prefix: string): boolean => [...kept].some((path) => path.startsWith(joinPath([prefix, ''])));
  const doomed = previous
    .filter((path) => !kept.has(path))
    .map(splitPath)
    .sort((a, b) => b.length - a.length);
  const result = cloneJson(object);
  for (const segments of doomed) {
    const self = segments[segments.length - 1] === '.';
    const target = self ? segments.slice(0, -1) : segments;
    if (self && stillOwned(joinPath(target))) continue;
    removeAt(result, target);
  }
  return result;
}

function removeAt(root: JsonObject, segments: string[]): void {
  let node: JsonValue | undefined = root;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment.startsWith('f:') && isJsonObject(node)) {
      const name = segment.slice(2);
      if (last) delete node[name];
      else node = node[name];
    } else if (Array.isArray(node)) {
      const position = node.findIndex((element) => matchesSegment(element, segment));
      if (position === -1) return;
      if (last) node.splice(position, 1);
      else node = node[position];
    } else {
      return;
    }
  }
}

function matchesSegment(element: JsonValue, segment: string): boolean {
  if (segment.startsWith('v:')) return JSON.stringify(element) === segment.slice(2);
  if (!segment.startsWith('k:')) return false;
  const key = JSON.parse(segment.slice(2)) as Record<string, JsonValue>;
  return JSON.stringify(elementKey(element, Object.keys(key))) === JSON.stringify(key);
}
