import type { ASTNode } from '@marcbachmann/cel-js';
import { CONTAINER_LISTS } from './cel-environment.js';
import { childrenOf } from './expression-limits.js';
import type { KubeObject } from '../model/index.js';
import { toCelObject, toCelValue } from './to-cel-value.js';

/**
 * What a rule set can observe of `object` or `oldObject`: `true` for the whole value, or the
 * field names it reads, each with what it reads below. Converting a ~4 KB live object for CEL is
 * a large share of a classification; fields no expression can reach (status, generation, uid…)
 * need not be converted. Anything the analysis does not understand reads the whole value.
 */
export type FieldReads = true | Map<string, FieldReads>;

export interface VariableReads {
  object?: FieldReads;
  oldObject?: FieldReads;
  changes: boolean;
}

const ROOTS = new Set(['object', 'oldObject']);

/**
 * driftback's helpers that take the root object, and the paths they read (cel-environment.ts):
 * podSpec returns a pod spec whole (a Pod's is its spec); allContainers reads only the
 * container lists of each place a pod spec can be.
 */
const POD_SPEC_PATHS = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
const ROOT_HELPERS = new Map<string, string[][]>([
  ['podSpec', [['kind'], ['spec']]],
  ['allContainers', [['kind'], ...POD_SPEC_PATHS.flatMap((path) => CONTAINER_LISTS.map((list) => [...path, list]))]],
]);

export function emptyReads(): VariableReads {
  return { changes: false };
}

/** Adds what one parsed expression reads of the variables to `reads`. */
export function collectReads(ast: ASTNode, reads: VariableReads): void {
  const visit = (node: ASTNode): void => {
    const chain = accessChain(node);
    if (chain) {
      addPath(reads, chain.root, chain.keys);
      chain.rest.forEach(visit);
      return;
    }
    if (node.op === 'id') {
      const name = node.args as unknown as string;
      if (name === 'changes') reads.changes = true;
      else if (ROOTS.has(name)) addPath(reads, name as 'object', []);
      return;
    }
    if (node.op === 'call') {
      const [name, args] = node.args as unknown as [string, ASTNode[]];
      const only = args.length === 1 ? args[0] : undefined;
      const paths = ROOT_HELPERS.get(name);
      if (paths && only?.op === 'id' && ROOTS.has(only.args as unknown as string)) {
        for (const path of paths) addPath(reads, only.args as unknown as 'object', path);
        return;
      }
    }
    childrenOf(node).forEach(visit);
  };
  visit(ast);
}

interface Chain {
  root: 'object' | 'oldObject';
  keys: string[];
  /** Subexpressions of the chain that are not part of the path (a computed index). */
  rest: ASTNode[];
}

/** `object.a.?b['c']` as root `object`, keys [a, b, c]; stops at the first computed index. */
function accessChain(node: ASTNode): Chain | undefined {
  const steps: Array<{ key?: string; index?: ASTNode }> = [];
  let current = node;
  for (;;) {
    const { op } = current;
    const args = current.args as unknown as [ASTNode, unknown];
    if (op === '.' || op === '.?') steps.push({ key: args[1] as string });
    else if (op === '[]' || op === '[?]') steps.push({ index: args[1] as ASTNode });
    else break;
    current = args[0];
  }
  if (steps.length === 0 || current.op !== 'id' || !ROOTS.has(current.args as unknown as string)) return undefined;
  steps.reverse();
  const keys: string[] = [];
  const rest: ASTNode[] = [];
  let literal = true;
  for (const step of steps) {
    const index = step.index;
    const key = step.key ?? (index?.op === 'value' && typeof index.args === 'string' ? index.args : undefined);
    if (index && key === undefined) rest.push(index);
    if (literal && key !== undefined) keys.push(key);
    else literal = false;
  }
  return { root: current.args as unknown as 'object' | 'oldObject', keys, rest };
}

function addPath(reads: VariableReads, root: 'object' | 'oldObject', keys: string[]): void {
  // A path into an inherited member ('__proto__', 'constructor') is not a field: read it all.
  if (keys.some((key) => key === '__proto__' || key === 'constructor')) keys = [];
  reads[root] = addKeys(reads[root], keys);
}

function addKeys(reads: FieldReads | undefined, keys: string[]): FieldReads {
  if (reads === true) return true;
  if (keys.length === 0) return true;
  const map = reads ?? new Map<string, FieldReads>();
  const [key, ...below] = keys as [string, ...string[]];
  map.set(key, addKeys(map.get(key), below));
  return map;
}

/**
 * The root converted for CEL as toCelObject converts it, keeping only the fields in `reads`;
 * always a new object (containersOf memoizes per root). managedFields stay unwalked.
 */
export function toCelRoot(object: KubeObject, reads: FieldReads | undefined): unknown {
  if (reads === undefined) return {};
  if (reads === true || !isPlainRecord(object)) return toCelObject(object);
  return convertFields(object, reads, 'root');
}

type Level = 'root' | 'metadata' | 'other';

function convertFields(value: Record<string, unknown>, reads: Map<string, FieldReads>, level: Level): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, below] of reads) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (level === 'metadata' && key === 'managedFields') copy[key] = item;
    else if (level === 'root' && key === 'metadata' && below === true) copy[key] = (toCelObject({ metadata: item } as KubeObject) as KubeObject).metadata;
    else if (below === true || !isPlainRecord(item)) copy[key] = toCelValue(item);
    else copy[key] = convertFields(item, below, level === 'root' && key === 'metadata' ? 'metadata' : 'other');
  }
  return copy;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && value.constructor === Object;
}
