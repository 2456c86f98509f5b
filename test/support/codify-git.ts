import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGitRepo, type GitRepo } from './git-repo.js';

const PERSON = ['-c', 'user.name=Jane Operator', '-c', 'user.email=jane@example.com', '-c', 'commit.gpgsign=false'];

function git(cwd: string, args: string[]): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return execFileSync('git', [...PERSON, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * What the codify tests need on top of test/support/git-repo.ts: inspect the branches pushed to
 * the bare repository, push as a person would, and install server-side hooks.
 */
export class BareRepo {
  private constructor(private readonly repo: GitRepo) {}

  static create(files: Record<string, string>): BareRepo {
    return new BareRepo(createGitRepo(files));
  }

  get path(): string {
    return this.repo.bare;
  }

  run(args: string[]): string {
    return git(this.repo.bare, args);
  }

  head(branch: string): string | undefined {
    try {
      return this.run(['rev-parse', '--verify', '-q', `refs/heads/${branch}`]).trim();
    } catch {
      return undefined;
    }
  }

  show(branch: string, path: string): string {
    return this.run(['show', `${branch}:${path}`]);
  }

  /** The patch between main and `branch`, without the index lines that carry blob ids. */
  diff(branch: string): string {
    return this.run(['diff', `main...${branch}`]).replace(/^index .*\n/gm, '');
  }

  commitCount(branch: string): number {
    return Number(this.run(['rev-list', '--count', `main..${branch}`]).trim());
  }

  authorOf(branch: string): string {
    return this.run(['log', '-1', '--format=%an <%ae>', branch]).trim();
  }

  /** A person's commit on top of `branch`, pushed as git would from their machine. */
  pushAsPerson(branch: string, path: string, content: string): void {
    const work = mkdtempSync(join(dirname(this.repo.bare), 'person-'));
    git(work, ['clone', '-q', '--branch', branch, this.repo.bare, '.']);
    writeFileSync(join(work, path), content);
    git(work, ['commit', '-q', '-am', 'tweak by hand']);
    git(work, ['push', '-q', 'origin', branch]);
  }

  installHook(name: string, script: string): void {
    const hook = join(this.repo.bare, 'hooks', name);
    writeFileSync(hook, script);
    chmodSync(hook, 0o755);
  }

  remove(): void {
    this.repo.cleanup();
  }
}
