import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { applyChangesToSource } from '../../../../src/codify/edit/index.js';
import type { Change } from '../../../../src/model/index.js';
import { lineDiff } from './line-diff.js';

/**
 * Each folder of test/fixtures/codify/edit is one case: `input.yaml|json`, `case.json`
 * ({ document, changes, skipped: { path: reason fragment } }), optional `live.yaml` (the live
 * object where its lists are ordered differently from Git or it lacks a parent; otherwise the
 * input document), `expected.yaml|json` and `expected.diff`, the only lines allowed to differ.
 * UPDATE_GOLDEN=1 rewrites the expected files, for review.
 */
const root = new URL('../../../fixtures/codify/edit/', import.meta.url);

interface GoldenCase {
  document: number;
  changes: Change[];
  skipped?: Record<string, string>;
}

type Json = Record<string, unknown>;

function documentOf(text: string, index: number): Json {
  return parseAllDocuments(text, { version: '1.1' })[index]?.toJS() as Json;
}

function loadCase(name: string) {
  const dir = new URL(`${name}/`, root);
  const extension = existsSync(new URL('input.json', dir)) ? 'json' : 'yaml';
  const read = (file: string): string => readFileSync(new URL(file, dir), 'utf8');
  const spec = JSON.parse(read('case.json')) as GoldenCase;
  const input = read(`input.${extension}`);
  const expectedFile = new URL(`expected.${extension}`, dir);
  const diffFile = new URL('expected.diff', dir);
  const expected = existsSync(expectedFile) ? read(`expected.${extension}`) : input;
  const baseline = documentOf(input, spec.document);
  const live = existsSync(new URL('live.yaml', dir)) ? documentOf(read('live.yaml'), 0) : baseline;
  const subject = { live, baseline };
  return { spec, input, expected, expectedFile, diffFile, subject };
}

const cases = readdirSync(root).sort();

describe('applyChangesToSource golden cases', () => {
  it.each(cases)('%s', (name) => {
    const { spec, input, expected, expectedFile, diffFile, subject } = loadCase(name);
    const result = applyChangesToSource(input, spec.document, spec.changes, subject);
    const diff = lineDiff(input, result.text);
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(expectedFile, result.text);
      writeFileSync(diffFile, diff.map((line) => `${line}\n`).join(''));
    }

    expect(result.text).toBe(expected);
    expect(diff).toEqual(readFileSync(diffFile, 'utf8').split('\n').slice(0, -1));
    const skipped = Object.fromEntries(result.skipped.map(({ change, reason }) => [change.path, reason]));
    expect(Object.keys(skipped).sort()).toEqual(Object.keys(spec.skipped ?? {}).sort());
    for (const [path, fragment] of Object.entries(spec.skipped ?? {})) expect(skipped[path]).toContain(fragment);
    expect(result.applied.length + result.skipped.length).toBe(spec.changes.length);
  });

  it.each(cases)('%s is idempotent: applying the same changes again changes nothing', (name) => {
    const { spec, input, subject } = loadCase(name);
    const once = applyChangesToSource(input, spec.document, spec.changes, subject).text;
    const twice = applyChangesToSource(once, spec.document, spec.changes, subject);
    expect(twice.text).toBe(once);
    expect(twice.applied).toEqual([]);
  });
});
