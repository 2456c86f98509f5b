import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IDENTITY = ['-c', 'user.name=Demo SRE', '-c', 'user.email=sre@shop.example', '-c', 'init.defaultBranch=main'];

/** The work tree the demo repository is made from, under the demo's directory: what a person has checked out. */
export const DEMO_WORK_TREE = 'infra-work';

/** Makes a bare repository `infra.git` under `dir` holding `files` on main; returns its path. */
export async function createDemoRepository(dir: string, files: Record<string, string>): Promise<string> {
  const bare = join(dir, 'infra.git');
  const work = join(dir, DEMO_WORK_TREE);
  await run('git', [...IDENTITY, 'init', '--quiet', '--bare', bare]);
  await run('git', [...IDENTITY, 'init', '--quiet', work]);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), content);
  }
  await run('git', [...IDENTITY, '-C', work, 'add', '.']);
  await run('git', [...IDENTITY, '-C', work, 'commit', '--quiet', '-m', 'shop: initial manifests']);
  await run('git', [...IDENTITY, '-C', work, 'push', '--quiet', bare, 'HEAD:main']);
  return bare;
}

/** The diff a branch adds on top of main, as a reviewer would read it. */
export async function branchDiff(bare: string, branch: string): Promise<string> {
  const { stdout } = await run('git', ['--git-dir', bare, 'diff', '--no-color', `main...${branch}`]);
  return stdout;
}
