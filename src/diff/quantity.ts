const QUANTITY_MAPS = new Set([
  'limits',
  'requests',
  'hard',
  'used',
  'capacity',
  'allocatable',
  'overhead',
  'max',
  'min',
  'default',
  'defaultRequest',
  'maxLimitRequestRatio',
]);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'averageValue']);

/**
 * Where quantities live: the maps of resource names (container and PVC resources, ResourceQuota,
 * LimitRange, PV capacity, RuntimeClass overhead), emptyDir.sizeLimit and HPA metric targets.
 * Both values must also parse as quantities, so a wrong guess here costs nothing.
 */
export function isQuantityPath(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  if (last === undefined) return false;
  if (QUANTITY_FIELDS.has(last)) return true;
  const parent = path[path.length - 2];
  if (parent === undefined) return false;
  if (parent === 'target' && last === 'value') return true;
  return QUANTITY_MAPS.has(parent);
}
