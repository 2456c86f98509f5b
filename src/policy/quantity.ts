/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`) held exactly as nano-units in a bigint,
 * so `quantity("0.5") == quantity("500m")` and `1Gi` compares with `1024Mi` without float error.
 * Precision below a nano-unit is rounded up, as the API server does.
 */
export class Quantity {
  constructor(readonly nanos: bigint) {}

  compareTo(other: Quantity): number {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  asApproximateFloat(): number {
    return Number(this.nanos) / 1e9;
  }

  isInteger(): boolean {
    return this.nanos % NANO === 0n;
  }
}

const NANO = 1_000_000_000n;
const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d{1,3}))?$/;
const BINARY = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 } as const;
const DECIMAL = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 } as const;
/** Beyond this, a hostile `1e999` would allocate an enormous bigint. */
const MAX_EXPONENT = 30;

export function parseQuantity(text: string): Quantity | undefined {
  const parsed = PATTERN.exec(text.trim());
  if (!parsed) return undefined;
  const [, sign = '', number = '', suffix, exponent] = parsed;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let decimals = -fraction.length;
  if (suffix !== undefined && suffix in BINARY) numerator <<= BigInt(BINARY[suffix as keyof typeof BINARY]);
  else if (suffix !== undefined) decimals += DECIMAL[suffix as keyof typeof DECIMAL];
  else if (exponent !== undefined) decimals += Number(exponent);
  decimals += 9;
  if (decimals > MAX_EXPONENT + 9) return undefined;
  const nanos = decimals >= 0 ? numerator * 10n ** BigInt(decimals) : ceilDivide(numerator, 10n ** BigInt(-decimals));
  return new Quantity(sign === '-' ? -nanos : nanos);
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
