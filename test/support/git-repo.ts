import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A real Git repository for tests: a bare "remote" with commits pushed to it, as a Git server would
 * hold them. Clone it by `bare` (a local path) or `url` (file://). Everything lives in one temp
 * directory that `cleanup()` removes.
 *
 * ```ts
 * const repo = createGitRepo({ 'apps/web.yaml': 'apiVersion: v1\n...' });
 * const next = repo.commit({ 'apps/web.yaml': null }, 'remove web');   // null deletes a file
 * repo.tag('v1', next);
 * ```
 */
export interface GitRepo {
  /** Absolute path of the bare repository. */
  bare: string;
  /** file:// URL of the bare repository. */
  url: string;
  /** The first commit's sha. */
  sha: string;
  /** The default branch (HEAD of the bare repository). */
  defaultBranch: string;
  /** Commits the files (content, or null to delete) on `branch` (default: the default branch; created from the current commit when new), pushes, returns the sha. */
  commit(files: Record<string, string | null>, message: string, options?: { branch?: string }): string;
  /** Pushes a lightweight tag at `sha` (default: the last commit). */
  tag(name: string, sha?: string): void;
  /** Runs git in the working clone (for cases the helpers above do not cover); returns stdout. */
  git(...args: string[]): string;
  cleanup(): void;
}

export interface CreateGitRepoOptions {
  defaultBranch?: string;
  message?: string;
}

const IDENTITY = ['-c', 'user.name=driftback test', '-c', 'user.email=test@driftback.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false'];

export function createGitRepo(files: Record<string, string | null>, options: CreateGitRepoOptions = {}): GitRepo {
  const defaultBranch = options.defaultBranch ?? 'main';
  const root = mkdtempSync(join(tmpdir(), 'driftback-test-repo-'));
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  run(root, 'init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, bare);
  run(root, 'init', '--quiet', `--initial-branch=${defaultBranch}`, work);
  run(work, 'remote', 'add', 'origin', bare);

  let current = defaultBranch;
  const git = (...args: string[]): string => run(work, ...args);
  const commit = (changes: Record<string, string | null>, message: string, commitOptions: { branch?: string } = {}): string => {
    const branch = commitOptions.branch ?? defaultBranch;
    if (branch !== current) {
      const exists = spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: work }).status === 0;
      git('checkout', '--quiet', ...(exists ? [] : ['-b']), branch);
      current = branch;
    }
    for (const [path, content] of Object.entries(changes)) {
      const file = join(work, path);
      if (content === null) {
        rmSync(file, { force: true });
      } else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    git('add', '--all');
    git('commit', '--quiet', '--allow-empty', '-m', message);
    git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
    return git('rev-parse', 'HEAD').trim();
  };

  const sha = commit(files, options.message ?? 'initial commit');
  return {
    bare,
    url: pathToFileURL(bare).href,
    sha,
    defaultBranch,
    commit,
    tag: (name, at) => {
      git('tag', name, at ?? 'HEAD');
      git('push', '--quiet', 'origin', `refs/tags/${name}`);
    },
    git,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Repositories a test file makes as it goes, removed together by cleanup() in afterAll. */
export function gitRepoPool(): { make(files: Record<string, string | null>): GitRepo; cleanup(): void } {
  const repos: GitRepo[] = [];
  return {
    make: (files) => {
      const repo = createGitRepo(files);
      repos.push(repo);
      return repo;
    },
    cleanup: () => repos.splice(0).forEach((repo) => repo.cleanup()),
  };
}

function run(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim() || result.error?.message}`);
  }
  return result.stdout;
}
