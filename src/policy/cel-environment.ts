import { Environment } from '@marcbachmann/cel-js';
import { parseQuantity, Quantity } from './quantity.js';

/** Parse-time limits: a rule is a short predicate, not a program. */
export const PARSE_LIMITS = {
  maxAstNodes: 1000,
  maxDepth: 48,
  maxListElements: 256,
  maxMapEntries: 256,
  maxCallArguments: 8,
} as const;

const WORKLOAD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

type CelMap = Record<string, unknown>;

function asMap(value: unknown): CelMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CelMap) : undefined;
}

/** The pod spec of a Pod, a workload's template or a CronJob's job template; `{}` for other kinds. */
function podSpecOf(object: unknown): CelMap {
  const root = asMap(object);
  const spec = asMap(root?.spec);
  const kind = root?.kind;
  if (kind === 'Pod') return spec ?? {};
  if (typeof kind === 'string' && WORKLOAD_TEMPLATE_KINDS.has(kind)) return asMap(asMap(spec?.template)?.spec) ?? {};
  if (kind === 'CronJob') return asMap(asMap(asMap(asMap(spec?.jobTemplate)?.spec)?.template)?.spec) ?? {};
  return {};
}

const containersCache = new WeakMap<object, unknown[]>();

/**
 * containers, initContainers and ephemeralContainers of the object's pod spec, in that order.
 * Memoized per object: most built-in rules ask for it, and inputs are not mutated while rules run.
 */
export function containersOf(object: unknown): unknown[] {
  if (typeof object !== 'object' || object === null) return [];
  let containers = containersCache.get(object);
  if (!containers) {
    const spec = podSpecOf(object);
    containers = [];
    for (const key of CONTAINER_LISTS) {
      const list = spec[key];
      if (Array.isArray(list)) for (const container of list as unknown[]) containers.push(container);
    }
    containersCache.set(object, containers);
  }
  return containers;
}

function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  // The text is left out: it may come from a Secret, and reasons end up in reports and events.
  if (!parsed) throw new Error('invalid quantity');
  return parsed;
}

function compareValues(a: unknown, b: unknown): number {
  if (a instanceof Quantity && b instanceof Quantity) return a.compareTo(b);
  const comparable = (v: unknown) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string';
  if (!comparable(a) || !comparable(b) || (typeof a === 'string') !== (typeof b === 'string')) {
    throw new Error('list elements are not comparable');
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function extreme(list: unknown[], sign: 1 | -1): unknown {
  if (list.length === 0) throw new Error('empty list');
  return list.reduce((best, item) => (compareValues(item, best) * sign > 0 ? item : best));
}

function sum(list: unknown[]): unknown {
  if (list.every((item) => typeof item === 'bigint')) return (list as bigint[]).reduce((a, b) => a + b, 0n);
  if (list.every((item) => typeof item === 'number' || typeof item === 'bigint')) {
    return list.reduce<number>((a, b) => a + Number(b), 0);
  }
  throw new Error('sum() needs a list of numbers');
}

function indexOf(list: unknown[], value: unknown, last: boolean): bigint {
  const equal = (item: unknown) => item === value || (typeof item !== 'object' && typeof value !== 'object' && item == value);
  return BigInt(last ? list.findLastIndex(equal) : list.findIndex(equal));
}

/**
 * The CEL environment every rule compiles in: the variables of the contract, optional types
 * (`object.spec.?securityContext.?runAsUser.orValue(1)`), the Kubernetes quantity and list
 * libraries as far as the library can host them, and driftback's pod-spec helpers.
 */
export function createPolicyEnvironment(): Environment {
  return new Environment({ enableOptionalTypes: true, limits: PARSE_LIMITS })
    .registerVariable('object', 'map', { description: 'the live object' })
    .registerVariable('oldObject', 'map', { description: 'the object as Git has it' })
    .registerVariable('changes', 'list<map>', { description: 'the drift: {op, path, baseline?, live?}' })
    .registerType('Quantity', Quantity)
    .registerFunction('quantity(string): Quantity', quantity)
    .registerFunction('isQuantity(string): bool', (text: string) => parseQuantity(text) !== undefined)
    .registerFunction('Quantity.compareTo(Quantity): int', (a: Quantity, b: Quantity) => BigInt(a.compareTo(b)))
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) < 0)
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) > 0)
    .registerFunction('Quantity.add(Quantity): Quantity', (a: Quantity, b: Quantity) => new Quantity(a.nanos + b.nanos))
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: Quantity, b: Quantity) => new Quantity(a.nanos - b.nanos))
    .registerFunction('Quantity.sign(): int', (a: Quantity) => BigInt(a.compareTo(new Quantity(0n))))
    .registerFunction('Quantity.isInteger(): bool', (a: Quantity) => a.isInteger())
    .registerFunction('Quantity.asApproximateFloat(): double', (a: Quantity) => a.asApproximateFloat())
    .registerFunction('Quantity.asInteger(): int', (a: Quantity) => {
      if (!a.isInteger()) throw new Error('quantity is not an integer');
      return a.nanos / 1_000_000_000n;
    })
    .registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.compareTo(b) === 0)
    .registerFunction('list.isSorted(): bool', (list: unknown[]) =>
      list.every((item, i) => i === 0 || compareValues(list[i - 1], item) <= 0),
    )
    .registerFunction('list.sum(): dyn', sum)
    .registerFunction('list.min(): dyn', (list: unknown[]) => extreme(list, -1))
    .registerFunction('list.max(): dyn', (list: unknown[]) => extreme(list, 1))
    .registerFunction('list.indexOf(dyn): int', (list: unknown[], value: unknown) => indexOf(list, value, false))
    .registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], value: unknown) => indexOf(list, value, true))
    .registerFunction('podSpec(map): map', podSpecOf, {
      description: 'pod spec of a Pod, workload template or CronJob job template; {} otherwise',
    })
    .registerFunction('allContainers(map): list', containersOf, {
      description: 'containers, initContainers and ephemeralContainers of podSpec(object)',
    });
}
