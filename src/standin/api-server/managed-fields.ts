import type { JsonObject, ManagedFieldsEntry } from '../../model/index.js';
import {
  changedPaths,
  describePath,
  fieldsV1ToPaths,
  flattenObject,
  ownableContent,
  pathsToFieldsV1,
  type FlatFields,
} from './field-set.js';

/**
 * managedFields bookkeeping as the real server's field manager does it: a creator owns every
 * field it sent (defaults included, since the server defaults while decoding), an updater gains
 * the fields whose values it changed and takes them from everyone else, and an applier owns
 * exactly what it applied. driftback tells a hand edit from a default by these records.
 */
export interface WriteContext {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time: string;
  subresource?: string;
}

interface OwnedSet {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
  touched: boolean;
}

export function managedFieldsForCreate(object: JsonObject, context: WriteContext): ManagedFieldsEntry[] {
  const paths = new Set(flattenObject(scoped(object, context)).keys());
  return paths.size === 0 ? [] : [entryFor(context, paths)];
}

export function managedFieldsForUpdate(
  entries: ManagedFieldsEntry[],
  before: JsonObject,
  after: JsonObject,
  context: WriteContext,
): ManagedFieldsEntry[] {
  const { changed, removed } = changedPaths(flatScoped(before, context), flatScoped(after, context));
  const sets = entries.map(toOwnedSet);
  for (const set of sets) {
    if (isWriter(set.entry, context)) continue;
    subtract(set, changed);
    subtract(set, removed);
  }
  const mine = sets.find((set) => isWriter(set.entry, context));
  if (mine) {
    for (const path of changed) {
      if (mine.paths.has(path)) continue;
      mine.paths.add(path);
      mine.touched = true;
    }
    subtract(mine, removed);
  } else if (changed.size > 0) {
    sets.push({ entry: entryFor(context, changed), paths: changed, touched: true });
  }
  return finish(sets, context);
}

export interface ApplyConflict {
  manager: string;
  apiVersion?: string;
  path: string;
}

/** Apply: the applier owns exactly `applied`; changing a value another manager owns is a conflict unless forced. */
export function managedFieldsForApply(
  entries: ManagedFieldsEntry[],
  before: JsonObject,
  after: JsonObject,
  applied: JsonObject,
  context: WriteContext,
  force: boolean,
): { entries: ManagedFieldsEntry[]; conflicts: ApplyConflict[] } {
  const previous = flatScoped(before, context);
  const appliedFields = flattenObject(scoped(applied, context));
  const { changed, removed } = changedPaths(previous, flatScoped(after, context));
  const sets = entries.map(toOwnedSet);
  const conflicts: ApplyConflict[] = [];
  for (const set of sets) {
    if (isWriter(set.entry, context)) continue;
    for (const path of set.paths) {
      if (!appliedFields.has(path) || !previous.has(path)) continue;
      if (previous.get(path) === appliedFields.get(path)) continue;
      conflicts.push({ manager: set.entry.manager ?? '', apiVersion: set.entry.apiVersion, path: describePath(path) });
    }
    subtract(set, changed);
    subtract(set, removed);
  }
  if (conflicts.length > 0 && !force) return { entries, conflicts };
  const owned = new Set(appliedFields.keys());
  const mine = sets.find((set) => isWriter(set.entry, context));
  if (mine) {
    mine.touched ||= !sameSet(mine.paths, owned);
    mine.paths = owned;
  } else if (owned.size > 0) {
    sets.push({ entry: entryFor(context, owned), paths: owned, touched: true });
  }
  return { entries: finish(sets, context), conflicts: [] };
}

export function describeConflicts(conflicts: ApplyConflict[]): string {
  const line = (c: ApplyConflict): string => `conflict with "${c.manager}"${c.apiVersion ? ` using ${c.apiVersion}` : ''}: ${c.path}`;
  if (conflicts.length === 1 && conflicts[0]) return `Apply failed with 1 conflict: ${line(conflicts[0])}`;
  return `Apply failed with ${conflicts.length} conflicts: ${conflicts.map((c) => `\n- ${line(c)}`).join('')}`;
}

function scoped(object: JsonObject, context: WriteContext): JsonObject {
  return ownableContent(object, context.subresource === 'status' ? 'status' : 'main');
}

function flatScoped(object: JsonObject, context: WriteContext): FlatFields {
  return flattenObject(scoped(object, context));
}

function isWriter(entry: ManagedFieldsEntry, context: WriteContext): boolean {
  return (
    entry.manager === context.manager &&
    entry.operation === context.operation &&
    (entry.subresource ?? '') === (context.subresource ?? '')
  );
}

function toOwnedSet(entry: ManagedFieldsEntry): OwnedSet {
  return { entry, paths: fieldsV1ToPaths(entry.fieldsV1), touched: false };
}

function subtract(set: OwnedSet, paths: Set<string>): void {
  for (const path of paths) if (set.paths.delete(path)) set.touched = true;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((p) => b.has(p));
}

function entryFor(context: WriteContext, paths: Set<string>): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {
    manager: context.manager,
    operation: context.operation,
    apiVersion: context.apiVersion,
    time: context.time,
    fieldsType: 'FieldsV1',
    fieldsV1: pathsToFieldsV1(paths),
  };
  if (context.subresource) entry.subresource = context.subresource;
  return entry;
}

/** Rewrites touched entries (the writer's gets the new time and apiVersion) and drops empty ones. */
function finish(sets: OwnedSet[], context: WriteContext): ManagedFieldsEntry[] {
  return sets
    .filter((set) => set.paths.size > 0)
    .map((set) => {
      if (!set.touched) return set.entry;
      const entry: ManagedFieldsEntry = { ...set.entry, fieldsV1: pathsToFieldsV1(set.paths) };
      if (isWriter(set.entry, context)) Object.assign(entry, { apiVersion: context.apiVersion, time: context.time });
      return entry;
    });
}
