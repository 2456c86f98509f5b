import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitTreeAccess } from '../../../src/baseline/git-tree-access.js';
import { createGitRunner, type GitRunner } from '../../../src/baseline/run-git.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const BIG = `kind: ConfigMap\n# ${'x'.repeat(2000)}\n`;

describe('a revision read from Git objects', () => {
  let repo: GitRepo;
  let temp: string;
  let clone: string;
  let runner: GitRunner;

  beforeAll(() => {
    repo = createGitRepo({ 'apps/web.yaml': 'kind: ConfigMap\n', 'apps/big.yaml': BIG });
    temp = mkdtempSync(join(tmpdir(), 'driftback-tree-test-'));
    clone = join(temp, 'clone');
    execFileSync('git', ['clone', '--quiet', '--no-checkout', repo.bare, clone]);
    execFileSync('git', ['init', '--quiet', join(temp, 'empty')]);
    runner = createGitRunner({ remote: repo.bare });
  });
  afterAll(() => {
    repo.cleanup();
    rmSync(temp, { recursive: true, force: true });
  });

  it('lists and reads the files of HEAD; a file over the limit is refused from its size, unread', async () => {
    const tree = await gitTreeAccess(runner, clone);
    try {
      const root = await tree.realpath(clone);
      expect((await tree.readdir(join(root, 'apps'))).map((entry) => [entry.name, entry.isFile()])).toEqual([
        ['big.yaml', true],
        ['web.yaml', true],
      ]);
      expect((await tree.load(join(root, 'apps/web.yaml'), 1024)).toString()).toBe('kind: ConfigMap\n');
      expect(await tree.load(join(root, 'apps/big.yaml'), 1024)).toEqual({ oversize: Buffer.byteLength(BIG) });
      await expect(tree.stat(join(root, 'apps/missing.yaml'))).rejects.toThrow(/ENOENT/);
    } finally {
      tree.close();
    }
  });

  it('a blob git cannot hand over fails the file that needed it, by name', async () => {
    // cat-file asked in a repository without the objects: every blob is missing.
    const lost: GitRunner = { ...runner, spawn: (_dir, args) => runner.spawn(join(temp, 'empty'), args) };
    const tree = await gitTreeAccess(lost, clone);
    try {
      const root = await tree.realpath(clone);
      await expect(tree.load(join(root, 'apps/web.yaml'), 1024)).rejects.toThrow(/^cannot read apps\/web\.yaml from the repository's objects: git cat-file: [0-9a-f]{40} missing$/);
    } finally {
      tree.close();
    }
  });
});
