import { parseQuantity as parseModelQuantity } from '../model/quantity.js';

/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`) held exactly as nano-units in a bigint,
 * so `quantity("0.5") == quantity("500m")` and `1Gi` compares with `1024Mi` without float error.
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

/** Parsed by the same parser the diff uses, so a policy and the diff agree on which spellings are equal. */
export function parseQuantity(text: string): Quantity | undefined {
  const nanos = parseModelQuantity(text);
  return nanos === undefined ? undefined : new Quantity(nanos);
}
