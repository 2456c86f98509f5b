/**
 * The layering eslint enforces (eslint.config.js), checked the way it can fail: a forbidden import
 * in each area must be an error, an allowed one must not. In flat config a later block setting the
 * same rule replaces an earlier one, which once left only the Octokit boundary in force.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

async function restricted(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import * as imported from '${source}';\nexport const used = imported;\n`, { filePath: file });
  return result!.messages.some((message) => message.ruleId === 'no-restricted-imports');
}

const CASES: readonly [file: string, source: string, refused: boolean][] = [
  ['src/controller/x.ts', '@kubernetes/client-node', true],
  ['src/cli/x.ts', '@kubernetes/client-node', true],
  ['src/diff/x.ts', '@kubernetes/client-node', true],
  ['src/cluster/x.ts', '@kubernetes/client-node', false],
  ['src/cluster/watch/x.ts', '@kubernetes/client-node', false],
  ['src/controller/x.ts', 'simple-git', true],
  ['src/codify/github/x.ts', 'simple-git', true],
  ['src/baseline/x.ts', 'simple-git', false],
  ['src/codify/git/x.ts', 'simple-git', false],
  ['src/codify/x.ts', '@octokit/rest', true],
  ['src/codify/github/x.ts', '@octokit/rest', false],
  ['src/diff/x.ts', '../cluster/index.js', true],
  ['src/diff/defaults/x.ts', '../../policy/index.js', true],
  ['src/policy/x.ts', '../diff/index.js', true],
  ['src/report/x.ts', '../codify/index.js', true],
  ['src/diff/x.ts', '../model/index.js', false],
  ['src/cli/x.ts', '../standin/index.js', true],
  ['src/controller/x.ts', '../demo/run-demo.js', true],
  ['src/cli/commands/demo.ts', '../../demo/run-demo.js', false],
  ['src/demo/x.ts', '../standin/index.js', false],
  ['src/demo/x.ts', '../cli/command.js', true],
  ['src/demo/x.ts', '../scan/index.js', false],
  ['src/scan/x.ts', '../standin/index.js', true],
  ['src/scan/x.ts', '../baseline/index.js', false],
];

describe('import boundaries', () => {
  it.each(CASES)('%s importing %s: refused %s', async (file, source, refused) => {
    expect(await restricted(file, source)).toBe(refused);
  });
});
