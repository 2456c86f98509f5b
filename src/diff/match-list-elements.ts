import type { ListKey } from './normalizer.js';
import { CONTAINER_PORT_KEYS, DEFAULT_PORT_PROTOCOL, LIST_MERGE_KEYS, SERVICE_PORT_KEYS, isJsonObject } from '../model/index.js';

/**
 * Kubernetes strategic-merge keys (the `patchMergeKey` tags of k8s.io/api), so a change names the
 * one element that changed even when a list was reordered. Lists not named here, and lists whose
 * elements lack the key or repeat it, pair by position.
 */
type MergeKey = Exclude<ListKey, { set: true }>;

const CONTAINER_PORT: MergeKey = { fields: CONTAINER_PORT_KEYS, defaults: { protocol: DEFAULT_PORT_PROTOCOL } };
const SERVICE_PORT: MergeKey = { fields: SERVICE_PORT_KEYS, defaults: { protocol: DEFAULT_PORT_PROTOCOL } };

const MERGE_KEYS: ReadonlyMap<string, MergeKey> = new Map(Object.entries(LIST_MERGE_KEYS).map(([field, fields]) => [field, { fields }]));

/** `+listType=set` lists of the built-in types whose order means nothing. */
const SET_LISTS = new Set(['finalizers']);

function listKeyFor(field: string, sample: unknown): ListKey | undefined {
  return SET_LISTS.has(field) ? { set: true } : mergeKeyFor(field, sample);
}

function mergeKeyFor(field: string, sample: unknown): MergeKey | undefined {
  if (field === 'ports' && isJsonObject(sample)) {
    // Container ports and Service ports share the field name; their elements tell them apart.
    if ('containerPort' in sample) return CONTAINER_PORT;
    if ('port' in sample) return SERVICE_PORT;
    return undefined;
  }
  return MERGE_KEYS.get(field);
}

function keyId(element: unknown, key: ListKey): string | undefined {
  if ('set' in key) return typeof element === 'object' ? JSON.stringify(element) : `${typeof element}:${String(element)}`;
  if (!isJsonObject(element)) return undefined;
  let id = '';
  for (const field of key.fields) {
    const value = element[field] ?? key.defaults?.[field];
    if (value === undefined && field === key.fields[0]) return undefined;
    id += `${typeof value}:${String(value)}\u0000`;
  }
  return id;
}

function keysOf(list: readonly unknown[], key: ListKey): string[] | undefined {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const element of list) {
    const id = keyId(element, key);
    if (id === undefined || seen.has(id)) return undefined;
    seen.add(id);
    keys.push(id);
  }
  return keys;
}

function keyField(element: unknown, key: MergeKey, field: string): unknown {
  return (isJsonObject(element) ? element[field] : undefined) ?? key.defaults?.[field];
}

/** The usual case, nothing added, removed or moved: pairing by position gives the same answer, cheaper. */
function sameKeysInOrder(live: readonly unknown[], baseline: readonly unknown[], key: ListKey): boolean {
  if (live.length !== baseline.length) return false;
  if ('set' in key) return false;
  for (let i = 0; i < live.length; i++) {
    for (const field of key.fields) {
      const value = keyField(live[i], key, field);
      if (value === undefined || value !== keyField(baseline[i], key, field)) return false;
    }
  }
  return true;
}

export interface Pairing {
  liveToBaseline: number[];
  unpairedBaseline: number[];
}

/**
 * For each live element, the index of its Git counterpart (or -1), and the Git indexes nobody
 * paired. Undefined when the list pairs by position: no key, or elements that lack or repeat it.
 * `key` comes from a normalizer (a custom resource's x-kubernetes-list-map-keys); without one the
 * built-in keys of the field name apply.
 */
export function pairByMergeKey(field: string, live: readonly unknown[], baseline: readonly unknown[], listKey?: ListKey): Pairing | undefined {
  const key = listKey ?? listKeyFor(field, live[0] ?? baseline[0]);
  if (!key || sameKeysInOrder(live, baseline, key)) return undefined;
  const liveKeys = keysOf(live, key);
  const baselineKeys = liveKeys && keysOf(baseline, key);
  if (!liveKeys || !baselineKeys) return undefined;
  const baselineIndex = new Map<string, number>();
  baselineKeys.forEach((id, i) => baselineIndex.set(id, i));
  const paired = new Set<number>();
  const liveToBaseline = liveKeys.map((id) => {
    const j = baselineIndex.get(id);
    if (j === undefined) return -1;
    paired.add(j);
    return j;
  });
  const unpairedBaseline: number[] = [];
  for (let j = 0; j < baseline.length; j++) if (!paired.has(j)) unpairedBaseline.push(j);
  return { liveToBaseline, unpairedBaseline };
}

/**
 * The element of `list` that pairs with `element` (found at `index` in its own list): by merge key
 * when the field has one and the element carries it, else by position.
 */
export function partnerOf(field: string, list: readonly unknown[], element: unknown, index: number): unknown {
  const key = mergeKeyFor(field, element);
  if (!key || keyField(element, key, key.fields[0] as string) === undefined) return list[index];
  return list.find((candidate) => key.fields.every((f) => keyField(candidate, key, f) === keyField(element, key, f)));
}
