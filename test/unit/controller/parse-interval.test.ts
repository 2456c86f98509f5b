import { describe, expect, it } from '@jest/globals';
import { parseInterval } from '../../../src/controller/parse-interval.js';

describe('parseInterval', () => {
  it.each([
    ['5m', 300_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
  ])('%s is %i ms', (text, ms) => expect(parseInterval(text)).toBe(ms));

  it.each(['', '5', '5 m', 'm5', '5d', '5m junk'])('rejects "%s" with a clear message', (text) => {
    expect(() => parseInterval(text)).toThrow(`invalid interval "${text}"`);
  });
});
