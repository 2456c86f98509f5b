import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/**
 * The number of nodes a document has once every alias is replaced by what it refers to, counted
 * without building it: each anchored node is measured once, so a billion-laughs document is
 * measured as fast as it is parsed. yaml's own guard (`maxAliasCount`, 100 by default) counts
 * references instead of size and so also refuses harmless files that reuse one anchor often.
 */
export type Expansion = { nodes: number; expanded: number } | { error: string; offset: number };

export function measureExpansion(doc: Document.Parsed): Expansion {
  const targets = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  let nodes = 0;
  // An alias refers to the last node with its anchor before it, in document order (YAML 1.2 §3.2.2.2).
  visit(doc, {
    Node(_key, node) {
      nodes += 1;
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });

  const sizes = new Map<Node, number>();
  const measuring = new Set<Node>();
  class AliasProblem extends Error {
    constructor(
      message: string,
      readonly offset: number,
    ) {
      super(message);
    }
  }

  const size = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 0;
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!isAlias(node) && !isScalar(node) && !isMap(node) && !isSeq(node)) return 0;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    measuring.add(node);
    let result: number;
    if (isAlias(node)) {
      const target = targets.get(node);
      const offset = node.range?.[0] ?? 0;
      if (!target) throw new AliasProblem(`alias *${node.source} has no anchor before it`, offset);
      if (measuring.has(target)) throw new AliasProblem(`alias *${node.source} refers to a node that contains it`, offset);
      result = size(target);
    } else if (isScalar(node)) {
      result = 1;
    } else {
      result = 1;
      for (const item of node.items) result += size(item);
    }
    measuring.delete(node);
    sizes.set(node, result);
    return result;
  };

  try {
    return { nodes, expanded: size(doc.contents) };
  } catch (error) {
    if (error instanceof AliasProblem) return { error: error.message, offset: error.offset };
    throw error;
  }
}
