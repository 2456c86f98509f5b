import { describe, expect, it } from '@jest/globals';
import { diffLines } from '../../../src/report/line-diff.js';
import { showValues } from '../../../src/report/show-values.js';

const dashboard = (title: string) =>
  JSON.stringify({ panels: Array.from({ length: 400 }, (_, i) => ({ id: i, title: i === 250 ? title : `panel ${i}`, type: 'graph' })) }, null, 2);

describe('showValues', () => {
  it('shows short values whole, and one side alone cut at the end', () => {
    expect(showValues(3, 5)).toEqual({ form: 'inline', baseline: '3', live: '5' });
    expect(showValues(undefined, 'x'.repeat(200))).toEqual({ form: 'inline', live: `"${'x'.repeat(78)}…` });
  });

  it('a long single-line string shows a window around its first difference, not the common prefix', () => {
    const base = `${'a'.repeat(500)}needle${'z'.repeat(500)}`;
    const shown = showValues(base, base.replace('needle', 'nEEdle'));
    expect(shown).toEqual({ form: 'inline', baseline: `…${'a'.repeat(23)}needle${'z'.repeat(21)}…`, live: `…${'a'.repeat(23)}nEEdle${'z'.repeat(21)}…` });
  });

  it('a long object is windowed the same way', () => {
    const shown = showValues({ items: Array(50).fill('same'), tail: 1 }, { items: Array(50).fill('same'), tail: 2 });
    expect(shown).toMatchObject({ form: 'inline', baseline: expect.stringMatching(/^….*"tail":1}$/), live: expect.stringMatching(/^….*"tail":2}$/) });
  });

  it('a 25 KB dashboard with one changed title is a short line diff with that line', () => {
    const before = dashboard('Latency');
    const after = dashboard('Latency p99');
    expect(before.length).toBeGreaterThan(25_000);
    const shown = showValues(before, after);
    expect(shown).toEqual({
      form: 'lines',
      summary: `1 of ${before.split('\n').length} lines removed, 1 added`,
      hunks: ['@@ -1254,3 +1254,3 @@', '       "id": 250,', '-      "title": "Latency",', '+      "title": "Latency p99",', '       "type": "graph"'],
    });
  });

  it('caps a long line diff and says how much was left out', () => {
    const lines = (tag: string) => Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? `${tag} ${i}` : `same ${i}`)).join('\n');
    const shown = showValues(lines('old'), lines('new'));
    expect(shown.form).toBe('lines');
    if (shown.form !== 'lines') return;
    expect(shown.hunks).toHaveLength(21);
    expect(shown.hunks.at(-1)).toMatch(/^… \d+ more lines of this diff$/);
  });

  it('cuts a long replaced line around its difference', () => {
    const long = (word: string) => `x: ${'p'.repeat(300)}${word}${'s'.repeat(300)}`;
    const shown = showValues(`a\n${long('old')}\nb`, `a\n${long('new')}\nb`);
    expect(shown).toMatchObject({ form: 'lines', hunks: ['@@ -1,3 +1,3 @@', ' a', expect.stringMatching(/^-…p+olds+…$/), expect.stringMatching(/^\+…p+news+…$/), ' b'] });
  });
});

describe('diffLines', () => {
  const sides = (diff: ReturnType<typeof diffLines>) => ({
    old: diff.filter((l) => l.op !== '+').map((l) => l.text),
    new: diff.filter((l) => l.op !== '-').map((l) => l.text),
    edits: diff.filter((l) => l.op !== ' ').length,
  });

  it.each([
    [['a', 'b', 'c'], ['a', 'x', 'c'], 2],
    [['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e'], 2],
    [[], ['a'], 1],
    [['a', 'b'], [], 2],
    [['a', 'b', 'a', 'b', 'c'], ['b', 'a', 'b', 'c', 'c'], 2],
  ])('%j -> %j rebuilds both sides with the fewest edits', (a, b, edits) => {
    const diff = diffLines(a, b);
    expect(sides(diff)).toEqual({ old: a, new: b, edits });
  });

  it('texts that differ almost everywhere become one block removed and one added', () => {
    const a = Array.from({ length: 700 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 700 }, (_, i) => `b${i}`);
    expect(sides(diffLines(a, b))).toEqual({ old: a, new: b, edits: 1400 });
  });
});
