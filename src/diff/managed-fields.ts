import type { JsonObject, JsonValue, ManagedFieldsEntry } from '../model/index.js';
import { isJsonObject } from '../model/index.js';
import { classifyManager, type ManagerClasses } from './managers.js';
import type { FieldOwner } from './normalizer.js';

/**
 * Who owns a path, read lazily from the raw `fieldsV1` of every managedFields entry: only the
 * paths the diff asks about are resolved, so an object in sync costs almost nothing here.
 *
 * A node is the set of entries whose fieldsV1 reach it (`sources`). Every key in fieldsV1 leads
 * to owned fields, so an entry reaching a node owns the node or something below it: `sub` is the
 * union of their owner classes (bits from managers.ts), `own` that of entries owning the node
 * itself (an empty `{}` leaf or a `.` marker).
 *
 * Below an atomic list or struct, ownership is inherited and says nothing about the one field:
 * kubectl-edit owning all of RoleBinding.subjects does not make the server-defaulted `apiGroup`
 * of an untouched subject a person's. Such nodes are not `exact`, and the defaults table decides.
 */
export interface OwnershipNode {
  sources: readonly Source[];
  own: number;
  sub: number;
  exact: boolean;
}

interface Source {
  entry: number;
  owner: number;
  /** Undefined for a leaf: the entry owns the whole value, an atomic list or struct included. */
  fields: JsonObject | undefined;
  inherited: boolean;
}

export interface Ownership {
  root: OwnershipNode;
  entries: readonly ManagedFieldsEntry[];
}

function hasKeys(value: JsonObject): boolean {
  for (const _ in value) return true;
  return false;
}

function nodeOf(sources: Source[]): OwnershipNode | undefined {
  if (sources.length === 0) return undefined;
  let own = 0;
  let sub = 0;
  let exact = false;
  for (const source of sources) {
    sub |= source.owner;
    if (!source.fields || source.fields['.'] !== undefined) own |= source.owner;
    if (!source.inherited) exact = true;
  }
  return { sources, own, sub, exact };
}

function sourceFor(source: Source, value: JsonValue | undefined): Source | undefined {
  if (value === undefined) return undefined;
  return { entry: source.entry, owner: source.owner, fields: isJsonObject(value) && hasKeys(value) ? value : undefined, inherited: false };
}

function inherit(source: Source): Source {
  return source.inherited ? source : { ...source, inherited: true };
}

/** Undefined when the object carries no managedFields: then the defaults table alone decides. */
export function buildOwnership(entries: readonly ManagedFieldsEntry[] | undefined, classes: ManagerClasses): Ownership | undefined {
  if (!entries || entries.length === 0) return undefined;
  const sources: Source[] = [];
  entries.forEach((entry, index) => {
    if (entry.fieldsV1) {
      sources.push({ entry: index, owner: classifyManager(entry.manager, classes, entry.subresource, entry.operation), fields: entry.fieldsV1, inherited: false });
    }
  });
  return { root: nodeOf(sources) ?? { sources: [], own: 0, sub: 0, exact: true }, entries };
}

/** A leaf source owns everything below it, so it carries over to the children. */
export function fieldOwnership(node: OwnershipNode | undefined, key: string): OwnershipNode | undefined {
  if (!node) return undefined;
  const raw = `f:${key}`;
  const sources: Source[] = [];
  for (const source of node.sources) {
    const child = source.fields ? sourceFor(source, source.fields[raw]) : inherit(source);
    if (child) sources.push(child);
  }
  return nodeOf(sources);
}

// `k:{"name":"web"}` and `v:"x"` repeat across objects: parse each spelling once.
const parsedKeys = new Map<string, JsonValue | undefined>();
const PARSED_KEYS_LIMIT = 10_000;

function parseKey(raw: string): JsonValue | undefined {
  if (parsedKeys.has(raw)) return parsedKeys.get(raw);
  let key: JsonValue | undefined;
  try {
    key = JSON.parse(raw.slice(2)) as JsonValue;
  } catch {
    key = undefined;
  }
  if (parsedKeys.size >= PARSED_KEYS_LIMIT) parsedKeys.clear();
  parsedKeys.set(raw, key);
  return key;
}

function keyMatches(key: JsonValue | undefined, element: unknown): boolean {
  if (!isJsonObject(key) || !isJsonObject(element)) return false;
  for (const field in key) {
    if (element[field] !== key[field]) return false;
  }
  return true;
}

function elementMatches(raw: string, element: unknown, index: number): boolean {
  if (raw.startsWith('k:')) return keyMatches(parseKey(raw), element);
  if (raw.startsWith('v:')) {
    const value = parseKey(raw);
    return value === element || (typeof value === 'object' && value !== null && JSON.stringify(value) === JSON.stringify(element));
  }
  return raw.startsWith('i:') && Number(raw.slice(2)) === index;
}

/** The element of an associative list (`k:`), a set (`v:`) or, rarely, a positional list (`i:`). */
export function elementOwnership(node: OwnershipNode | undefined, element: unknown, index: number): OwnershipNode | undefined {
  if (!node) return undefined;
  const sources: Source[] = [];
  for (const source of node.sources) {
    if (!source.fields) {
      sources.push(inherit(source));
      continue;
    }
    for (const raw in source.fields) {
      if (raw === '.' || !elementMatches(raw, element, index)) continue;
      const child = sourceFor(source, source.fields[raw]);
      if (child) sources.push(child);
      break;
    }
  }
  return nodeOf(sources);
}

/** Names of the managers owning the node or anything below it, in managedFields order. */
export function ownerNames(ownership: Ownership, node: OwnershipNode | undefined): string[] {
  if (!node) return [];
  if (node.sources.length === 1) return [ownership.entries[node.sources[0]?.entry ?? -1]?.manager ?? '(unnamed)'];
  const indexes = [...new Set(node.sources.map((source) => source.entry))].sort((a, b) => a - b);
  return [...new Set(indexes.map((i) => ownership.entries[i]?.manager ?? '(unnamed)'))];
}

/** Each manager owning the node or anything below it, with its owner class. */
export function ownersOf(ownership: Ownership, node: OwnershipNode | undefined): FieldOwner[] {
  if (!node) return [];
  return node.sources.map((source) => ({ manager: ownership.entries[source.entry]?.manager ?? '(unnamed)', owner: source.owner }));
}
