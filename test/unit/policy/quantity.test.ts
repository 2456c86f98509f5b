import { describe, expect, it } from '@jest/globals';
import { parseQuantity } from '../../../src/policy/index.js';

describe('parseQuantity', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['1.5Gi', 1_610_612_736n * 1_000_000_000n],
    ['2k', 2_000n * 1_000_000_000n],
    ['1e3', 1_000n * 1_000_000_000n],
    ['1E-3', 1_000_000n],
    ['-2', -2_000_000_000n],
    ['+3n', 3n],
    ['0.1n', 1n],
    [' 250u ', 250_000n],
    ['0.0000000001', 1n],
    ['-0.0000000001', -1n],
    ['1e40', 10n ** 49n],
  ])('%s', (text, nanos) => {
    expect(parseQuantity(text)?.nanos).toBe(nanos);
  });

  it.each(['', 'x', '1 Gi', '1gi', '1.2.3', '1e999', 'Ki'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
