import { describe, expect, it } from '@jest/globals';
import { jsonInPlace } from '../../../src/baseline/json-in-place.js';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('jsonInPlace', () => {
  it('gives what a JSON round trip gives for the values JSON cannot hold', () => {
    const make = () => ({
      inf: Infinity,
      nan: Number.NaN,
      zero: -0,
      gone: undefined,
      list: [1, undefined, -Infinity, { deep: Number.NaN, kept: 'a' }],
      plain: { a: 'b', n: 3, t: true, z: null },
    });
    const json = jsonInPlace(make());
    expect(json).toStrictEqual(roundTrip(make()));
    expect(Object.is((json as { zero: number }).zero, 0)).toBe(true);
  });

  it('keeps a __proto__ key as data, as JSON.parse does', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": Infinity}'.replace('Infinity', '1e999')) as Record<string, unknown>;
    const json = jsonInPlace(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['__proto__', 'a']);
    expect(json.a).toBeNull();
  });

  it('changes nothing in a value that is already JSON', () => {
    const value = { a: [1, 'two', { three: 3 }], b: null };
    expect(jsonInPlace(value)).toBe(value);
    expect(value).toStrictEqual({ a: [1, 'two', { three: 3 }], b: null });
  });
});
