/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource) as exact rationals, so
 * `0.5` equals `500m` and `0.5Gi` equals `512Mi` with no floating-point rounding.
 */
interface Rational {
  num: bigint;
  den: bigint;
}

const QUANTITY = /^([+-]?)(\d+)?(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|([numkMGTPE]))?$/;

const BINARY_POWER: Readonly<Record<string, bigint>> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// Far beyond any real quantity; keeps a hostile `1e999999999` from building a huge BigInt.
const MAX_EXPONENT = 100;

export function parseQuantity(value: unknown): Rational | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', fraction = '', binary, exponent, decimal] = m;
  if (whole === '' && fraction === '') return undefined;
  let num = BigInt(whole + fraction || '0');
  let den = 10n ** BigInt(fraction.length);
  if (binary) {
    num <<= BINARY_POWER[binary] ?? 0n;
  } else {
    const power = exponent !== undefined ? Number(exponent) : decimal ? (DECIMAL_EXPONENT[decimal] ?? 0) : 0;
    if (Math.abs(power) > MAX_EXPONENT) return undefined;
    if (power >= 0) num *= 10n ** BigInt(power);
    else den *= 10n ** BigInt(-power);
  }
  return { num: sign === '-' ? -num : num, den };
}

/** True when both values are quantities of the same amount, however they are spelled. */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x.num * y.den === y.num * x.den;
}

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
