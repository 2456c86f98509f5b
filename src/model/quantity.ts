/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), the one parser the diff
 * and the policy engine share. A quantity is held exactly as a count of nano-units in a bigint:
 * `0.5` equals `500m` and `0.5Gi` equals `512Mi` with no floating-point rounding. Precision below
 * a nano-unit is rounded away from zero, as the API server does ("0.1m will rounded up to 1m",
 * resource.Quantity docs), so `0.0000000001` is `1n`.
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|([numkMGTPE]))?$/;

const BINARY_POWER: Readonly<Record<string, bigint>> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Far beyond any real quantity (`1e40` parses); keeps a hostile `1e999999999` from building a huge bigint. */
const MAX_EXPONENT = 100;

/** The amount in nano-units, or undefined when the value is not a quantity. Numbers are read as YAML wrote them. */
export function parseQuantity(value: unknown): bigint | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number = '', binary, exponent, decimal] = m;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let power = -fraction.length;
  if (binary) numerator <<= BINARY_POWER[binary] ?? 0n;
  else if (exponent !== undefined) power += Number(exponent);
  else if (decimal) power += DECIMAL_EXPONENT[decimal] ?? 0;
  if (Math.abs(power) > MAX_EXPONENT) return undefined;
  power += 9;
  const nanos = power >= 0 ? numerator * 10n ** BigInt(power) : ceilDivide(numerator, 10n ** BigInt(-power));
  return sign === '-' ? -nanos : nanos;
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** True when both values are quantities of the same amount, however they are spelled. */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  return x !== undefined && x === parseQuantity(b);
}
