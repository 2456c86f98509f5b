import type { JsonObject, JsonValue, ManagedFieldsEntry } from '../model/index.js';
import { isJsonObject } from '../model/index.js';
import { classifyManager, type ManagerClasses } from './managers.js';

/**
 * All managedFields entries merged into one tree shaped like the object, so the diff walks it
 * beside the live object. `own` holds the owner classes (bits from managers.ts) of the node
 * itself, `sub` those of the node and everything below it.
 */
export interface OwnershipNode {
  own: number;
  sub: number;
  entries: number[];
  fields?: Map<string, OwnershipNode>;
  /** `k:{"name":"web"}` associative-list elements and `v:"x"` set elements, parsed once. */
  elements?: { key: JsonValue; keyed: boolean; node: OwnershipNode }[];
  indexes?: Map<number, OwnershipNode>;
}

export interface Ownership {
  root: OwnershipNode;
  entries: readonly ManagedFieldsEntry[];
}

function newNode(): OwnershipNode {
  return { own: 0, sub: 0, entries: [] };
}

function childFor(node: OwnershipNode, raw: string, byRaw: Map<OwnershipNode, Map<string, OwnershipNode>>): OwnershipNode {
  const prefix = raw.slice(0, 2);
  const rest = raw.slice(2);
  if (prefix === 'f:') {
    node.fields ??= new Map();
    let child = node.fields.get(rest);
    if (!child) node.fields.set(rest, (child = newNode()));
    return child;
  }
  if (prefix === 'i:') {
    node.indexes ??= new Map();
    const index = Number(rest);
    let child = node.indexes.get(index);
    if (!child) node.indexes.set(index, (child = newNode()));
    return child;
  }
  let seen = byRaw.get(node);
  if (!seen) byRaw.set(node, (seen = new Map()));
  let child = seen.get(raw);
  if (!child) {
    child = newNode();
    seen.set(raw, child);
    let key: JsonValue;
    try {
      key = JSON.parse(rest) as JsonValue;
    } catch {
      return child;
    }
    node.elements ??= [];
    node.elements.push({ key, keyed: prefix === 'k:', node: child });
  }
  return child;
}

function insert(
  node: OwnershipNode,
  fields: JsonObject,
  owner: number,
  entry: number,
  byRaw: Map<OwnershipNode, Map<string, OwnershipNode>>,
): void {
  for (const raw in fields) {
    if (raw === '.') {
      node.own |= owner;
      node.entries.push(entry);
      continue;
    }
    const child = childFor(node, raw, byRaw);
    const value = fields[raw];
    if (isJsonObject(value) && Object.keys(value).length > 0) {
      insert(child, value, owner, entry, byRaw);
    } else {
      child.own |= owner;
      child.entries.push(entry);
    }
  }
}

function summarize(node: OwnershipNode): number {
  let sub = node.own;
  if (node.fields) for (const child of node.fields.values()) sub |= summarize(child);
  if (node.elements) for (const element of node.elements) sub |= summarize(element.node);
  if (node.indexes) for (const child of node.indexes.values()) sub |= summarize(child);
  node.sub = sub;
  return sub;
}

/** Undefined when the object carries no managedFields: then the defaults table alone decides. */
export function buildOwnership(entries: readonly ManagedFieldsEntry[] | undefined, classes: ManagerClasses): Ownership | undefined {
  if (!entries || entries.length === 0) return undefined;
  const root = newNode();
  const byRaw = new Map<OwnershipNode, Map<string, OwnershipNode>>();
  entries.forEach((entry, index) => {
    if (entry.fieldsV1) insert(root, entry.fieldsV1, classifyManager(entry.manager, classes), index, byRaw);
  });
  summarize(root);
  return { root, entries };
}

function isLeaf(node: OwnershipNode): boolean {
  return !node.fields && !node.elements && !node.indexes;
}

/** A leaf owns everything below it (an atomic list or struct), so its children inherit it. */
export function fieldOwnership(node: OwnershipNode | undefined, key: string): OwnershipNode | undefined {
  if (!node) return undefined;
  if (isLeaf(node)) return node;
  return node.fields?.get(key);
}

export function elementOwnership(node: OwnershipNode | undefined, element: unknown, index: number): OwnershipNode | undefined {
  if (!node) return undefined;
  if (isLeaf(node)) return node;
  if (node.elements) {
    for (const candidate of node.elements) {
      if (candidate.keyed ? keyMatches(candidate.key, element) : candidate.key === element) return candidate.node;
    }
  }
  return node.indexes?.get(index);
}

function keyMatches(key: JsonValue, element: unknown): boolean {
  if (!isJsonObject(key) || !isJsonObject(element)) return false;
  for (const field in key) {
    if (element[field] !== key[field]) return false;
  }
  return true;
}

/** Names of the managers owning the node or anything below it, in managedFields order. */
export function ownerNames(ownership: Ownership, node: OwnershipNode | undefined): string[] {
  const indexes = new Set<number>();
  const visit = (n: OwnershipNode): void => {
    for (const i of n.entries) indexes.add(i);
    n.fields?.forEach(visit);
    n.elements?.forEach((e) => visit(e.node));
    n.indexes?.forEach(visit);
  };
  if (node) visit(node);
  const names = [...indexes].sort((a, b) => a - b).map((i) => ownership.entries[i]?.manager ?? '(unnamed)');
  return [...new Set(names)];
}
