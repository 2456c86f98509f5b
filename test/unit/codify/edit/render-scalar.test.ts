import { describe, expect, it } from '@jest/globals';
import { parse, Scalar } from 'yaml';
import { renderScalar } from '../../../../src/codify/edit/render-scalar.js';

const block = { json: false, inFlow: false };

/** Strings that YAML 1.1 (kubectl) or 1.2 would read as something else when written plain. */
const AMBIGUOUS = [
  'on', 'off', 'On', 'OFF', 'yes', 'no', 'Yes', 'y', 'n', 'Y', 'N', 'true', 'false', 'True', 'null', 'Null', '~',
  '1.0', '012', '0x1F', '0o17', '0b101', '1e3', '1E-3', '.5', '1.', '+1', '-1', '1_000', '1:30', '1.2.3',
  '.inf', '-.Inf', '.nan', '2026-01-01', '2026-1-1 10:00:00', '', ' lead', 'trail ', 'a: b', 'a #b', 'key:',
  '- x', '-', '?', ':', '*ref', '&ref', '!tag', '|', '>', "'q'", '"q"', '%x', '@x', '`x`', '#c', '{a}', '[a]', ',a',
  '---', '--- x', '...', '<<', '=', 'tab\there', 'bell\u0007', 'line\u2028sep',
];

const PLAIN = ['web', '10Gi', '250m', '30s', 'shop/web:1.4.2', '-Xmx1g', 'https://example.com/a?b=c#d', 'a:b', 'a#b', 'Europe/Zurich', 'n1', 'yes-please', '1.2.3a'];

describe('renderScalar', () => {
  it.each(AMBIGUOUS)('quotes %j so kubectl (YAML 1.1) and YAML 1.2 read it back as the same string', (value) => {
    const written = renderScalar(value, block);
    expect(written).toMatch(/^["']/);
    expect(parse(`v: ${written}`, { version: '1.1' })).toEqual({ v: value });
    expect(parse(`v: ${written}`, { version: '1.2' })).toEqual({ v: value });
  });

  it.each(PLAIN)('leaves %j plain', (value) => {
    expect(renderScalar(value, block)).toBe(value);
  });

  it('keeps numbers, booleans and null as they are', () => {
    expect([3, 0.5, -2, 1e21, true, false, null].map((value) => renderScalar(value, block))).toEqual([
      '3', '0.5', '-2', '1e+21', 'true', 'false', 'null',
    ]);
  });

  it('keeps the quoting of the value it replaces where the new value allows', () => {
    expect(renderScalar('web', { ...block, previous: Scalar.QUOTE_SINGLE })).toBe("'web'");
    expect(renderScalar("it's", { ...block, previous: Scalar.QUOTE_SINGLE })).toBe("'it''s'");
    expect(renderScalar('a\u0007', { ...block, previous: Scalar.QUOTE_SINGLE })).toBe('"a\\u0007"');
    expect(renderScalar('web', { ...block, previous: Scalar.QUOTE_DOUBLE })).toBe('"web"');
    expect(renderScalar(8080, { ...block, previous: Scalar.QUOTE_DOUBLE })).toBe('8080');
  });

  it('quotes flow indicators inside flow collections only', () => {
    expect(renderScalar('a,b', block)).toBe('a,b');
    expect(renderScalar('a,b', { json: false, inFlow: true })).toBe('"a,b"');
    expect(renderScalar('http://x', { json: false, inFlow: true })).toBe('"http://x"');
  });

  it('writes multi-line strings as literal blocks with the right chomping', () => {
    const literal = { ...block, literalColumn: 2 };
    expect(renderScalar('a\nb\n', literal)).toBe('|\n  a\n  b');
    expect(renderScalar('a\nb', literal)).toBe('|-\n  a\n  b');
    expect(renderScalar('a\n\nb', literal)).toBe('|-\n  a\n\n  b');
    expect(renderScalar('  indented\nb', literal)).toBe('"  indented\\nb"');
    expect(renderScalar('keep\n\n', literal)).toBe('"keep\\n\\n"');
    expect(renderScalar('a\nb', block)).toBe('"a\\nb"');
  });

  it('writes JSON strings and keys as JSON', () => {
    expect(renderScalar('yes', { json: true, inFlow: true })).toBe('"yes"');
    expect(renderScalar('a\nb', { json: true, inFlow: true, literalColumn: 2 })).toBe('"a\\nb"');
  });
});
