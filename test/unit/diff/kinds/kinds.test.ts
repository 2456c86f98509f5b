import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compareObjects } from '../../../../src/diff/index.js';
import type { Change, KubeObject } from '../../../../src/model/index.js';

/**
 * One fixture per file: `git` (the manifest as people write it), `live` (the object exactly as a
 * real API server returns it after kubectl apply, with defaults, managedFields and status, and
 * with the hand edit of the case) and `expect` (the exact changes).
 */
interface KindFixture {
  description: string;
  git: KubeObject;
  live: KubeObject;
  expect: Change[];
}

const ROOT = join(process.cwd(), 'test', 'fixtures', 'kinds');

const kinds = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function load(kind: string): [string, KindFixture][] {
  return readdirSync(join(ROOT, kind))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => [file.replace(/\.yaml$/, ''), parse(readFileSync(join(ROOT, kind, file), 'utf8')) as KindFixture]);
}

describe('per-kind fixtures', () => {
  it('cover every kind with an in-sync case, one without managedFields and a hand edit', () => {
    for (const kind of kinds) {
      const names = load(kind).map(([name]) => name);
      expect({ kind, inSync: names.includes('in-sync'), bare: names.includes('in-sync-without-managed-fields'), edits: names.length > 2 }).toEqual({
        kind,
        inSync: true,
        bare: true,
        edits: true,
      });
    }
  });

  describe.each(kinds)('%s', (kind) => {
    it.each(load(kind))('%s', (_name, fixture) => {
      expect(compareObjects(fixture.live, fixture.git).changes).toEqual(fixture.expect);
    });
  });
});
