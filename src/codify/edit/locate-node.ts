import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isJsonObject, mergeKeysFor, sameListElement, type Change } from '../../model/index.js';
import { deepEqual } from './json-values.js';
import { isIndexSegment } from './pointer.js';

/** An edit that cannot be made safely; the message is the reason reported with the skipped change. */
export class UnsafeEdit extends Error {}

/** One entry on the way to the target: `key` is a map key or an index into the SOURCE list. */
export interface Step {
  collection: YAMLMap | YAMLSeq;
  key: string | number;
  pair?: Pair;
  /** The entry's value node; undefined when the entry is absent from the source. */
  node?: Node | null;
  /** The live object's value at this place (undefined when live has none). */
  live: unknown;
  /** The source document's value at this place, as plain data. */
  source: unknown;
}

export interface Located {
  steps: Step[];
  /** Whether the last step exists in the source. */
  present: boolean;
  /** Segments below the last step that the source lacks because the last step is empty (null). */
  rest: string[];
}

function anchorsUsedByAliases(doc: Document.Parsed): Set<string> {
  const used = new Set<string>();
  visit(doc, { Alias: (_key, alias) => void used.add(alias.source) });
  return used;
}

function refuseShared(node: unknown, shared: ReadonlySet<string>): void {
  if (isAlias(node)) throw new UnsafeEdit(`value comes from alias *${node.source}, shared with other places`);
  if (isNode(node) && node.anchor !== undefined && shared.has(node.anchor)) {
    throw new UnsafeEdit(`value comes from anchor &${node.anchor}, shared with other places`);
  }
}

function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && (pair.key.value === '<<' || pair.key.source === '<<');
}

/** Under YAML 1.1 a plain key `on` reads as true; the pointer names it as written. */
function isKeyNamed(pair: Pair, segment: string): boolean {
  return isScalar(pair.key) && (String(pair.key.value) === segment || (pair.key.type === 'PLAIN' && pair.key.source === segment));
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** Finds the source index of the list element that the live index (or the removed baseline element) names. */
function sourceIndex(
  list: readonly unknown[],
  identity: unknown,
  liveIndex: number,
  keys: readonly string[] | undefined,
  removing: boolean,
): number | undefined {
  const matching = (test: (element: unknown) => boolean): number[] =>
    list.flatMap((element, i) => (test(element) ? [i] : []));
  if (keys) {
    if (identity === undefined) throw new UnsafeEdit('list element is in neither the live object nor the change');
    const found = matching((element) => sameListElement(element, identity, keys));
    if (found.length > 1) throw new UnsafeEdit(`the source list has several elements with the same ${keys.join('+')}`);
    return found[0];
  }
  if (!removing || identity === undefined || deepEqual(list[liveIndex], identity)) {
    return liveIndex < list.length ? liveIndex : undefined;
  }
  const found = matching((element) => deepEqual(element, identity));
  if (found.length > 1) throw new UnsafeEdit('several elements of the source list equal the removed one');
  return found[0];
}

/**
 * Walks the pointer through the source document and the live object side by side. Lists with
 * Kubernetes merge keys are matched by key, positional lists by index; anything shared through
 * anchors, aliases or `<<` merge keys is refused, because editing it would change other places.
 */
export function locateNode(doc: Document.Parsed, sourceJs: unknown, live: unknown, segments: readonly string[], change: Change): Located {
  const shared = anchorsUsedByAliases(doc);
  const steps: Step[] = [];
  let node: unknown = doc.contents;
  let liveCursor = live;
  let sourceCursor = sourceJs;
  for (const [i, segment] of segments.entries()) {
    refuseShared(node, shared);
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isKeyNamed(item, segment));
      const liveNext = isJsonObject(liveCursor) ? liveCursor[segment] : undefined;
      if (pair === undefined || isMergePair(pair)) {
        if (node.items.some(isMergePair)) throw new UnsafeEdit(`"${segment}" may come from a << merge key`);
        steps.push({ collection: node, key: segment, live: liveNext, source: undefined });
        return { steps, present: false, rest: [...segments.slice(i + 1)] };
      }
      const sourceNext = isJsonObject(sourceCursor) ? sourceCursor[segment] : undefined;
      steps.push({ collection: node, key: segment, pair, node: pair.value as Node | null, live: liveNext, source: sourceNext });
      node = pair.value;
      liveCursor = liveNext;
      sourceCursor = sourceNext;
    } else if (isSeq(node)) {
      if (!isIndexSegment(segment)) throw new UnsafeEdit(`"${segment}" is not an index into a list`);
      const liveIndex = Number(segment);
      const liveElement = Array.isArray(liveCursor) ? liveCursor[liveIndex] : undefined;
      const list = Array.isArray(sourceCursor) ? sourceCursor : [];
      const removing = last && change.op === 'remove';
      const fromChange = last ? (removing ? change.baseline : change.live) : undefined;
      const identity = removing && fromChange !== undefined ? fromChange : (liveElement ?? fromChange);
      const index = sourceIndex(list, identity, liveIndex, mergeKeysFor(segments.slice(0, i)), removing);
      if (index === undefined) {
        if (!last && change.op !== 'remove') throw new UnsafeEdit(`list element ${segments.slice(0, i + 1).join('/')} is not in the source`);
        const keyed = mergeKeysFor(segments.slice(0, i)) !== undefined;
        if (!keyed && !removing && liveIndex > list.length) throw new UnsafeEdit('index lies beyond the end of the source list');
        const at = keyed || removing ? list.length : liveIndex;
        steps.push({ collection: node, key: at, live: liveElement, source: undefined });
        return { steps, present: false, rest: [] };
      }
      steps.push({ collection: node, key: index, node: node.items[index] as Node | null, live: liveElement, source: list[index] });
      node = node.items[index];
      liveCursor = liveElement;
      sourceCursor = list[index];
    } else if (i > 0 && isEmptyValue(node)) {
      return { steps, present: true, rest: [...segments.slice(i)] };
    } else {
      throw new UnsafeEdit(`/${segments.slice(0, i).join('/')} is not a map or a list in the source`);
    }
  }
  refuseShared(node, shared);
  if (isNode(node)) {
    visit(node, {
      Node: (_key, inner) => {
        if (inner.anchor !== undefined) refuseShared(inner, shared);
      },
    });
  }
  return { steps, present: true, rest: [] };
}
