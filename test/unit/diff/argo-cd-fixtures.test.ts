import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compareObjects, DEFAULT_GIT_MANAGERS } from '../../../src/diff/index.js';
import type { Change, KubeObject } from '../../../src/model/index.js';

/** Argo CD's diff fixtures, adapted (test/fixtures/argo-cd/README.md). */
interface ArgoCase {
  description: string;
  gitManagers?: string[];
  git: KubeObject;
  live: KubeObject;
  expect: Change[];
}

const ROOT = join(process.cwd(), 'test', 'fixtures', 'argo-cd');
const cases = readdirSync(ROOT)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file): [string, ArgoCase] => [file.replace(/\.yaml$/, ''), parse(readFileSync(join(ROOT, file), 'utf8')) as ArgoCase]);

describe("Argo CD's diff fixtures", () => {
  it.each(cases)('%s', (_name, c) => {
    const options = c.gitManagers ? { gitManagers: [...DEFAULT_GIT_MANAGERS, ...c.gitManagers] } : {};
    expect(compareObjects(c.live, c.git, options).changes).toEqual(c.expect);
  });
});
