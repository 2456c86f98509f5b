import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = ['-c', 'user.name=Jane Operator', '-c', 'user.email=jane@example.com', '-c', 'commit.gpgsign=false'];

function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
}

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A bare repository on disk with one commit on `main`, plus helpers to inspect what was pushed. */
export class BareRepo {
  readonly root: string;
  readonly path: string;

  private constructor(root: string) {
    this.root = root;
    this.path = join(root, 'origin.git');
  }

  static create(files: Record<string, string>): BareRepo {
    const repo = new BareRepo(mkdtempSync(join(tmpdir(), 'driftback-codify-test-')));
    const seed = join(repo.root, 'seed');
    mkdirSync(seed);
    git(seed, ['init', '-q', '-b', 'main']);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(seed, path)), { recursive: true });
      writeFileSync(join(seed, path), content);
    }
    git(seed, ['add', '--all']);
    git(seed, ['commit', '-q', '-m', 'initial manifests']);
    git(repo.root, ['init', '-q', '--bare', '-b', 'main', repo.path]);
    git(seed, ['push', '-q', repo.path, 'main']);
    return repo;
  }

  run(args: string[]): string {
    return git(this.path, args);
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
    const work = mkdtempSync(join(this.root, 'person-'));
    git(work, ['clone', '-q', '--branch', branch, this.path, '.']);
    writeFileSync(join(work, path), content);
    git(work, ['commit', '-q', '-am', 'tweak by hand']);
    git(work, ['push', '-q', 'origin', branch]);
  }

  /** Commits straight to main, as a person merging something else would. */
  commitToMain(path: string, content: string): void {
    const work = mkdtempSync(join(this.root, 'main-'));
    git(work, ['clone', '-q', this.path, '.']);
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
    git(work, ['add', '--all']);
    git(work, ['commit', '-q', '-m', 'change on main']);
    git(work, ['push', '-q', 'origin', 'main']);
  }

  installHook(name: string, script: string): void {
    const hook = join(this.path, 'hooks', name);
    writeFileSync(hook, script);
    chmodSync(hook, 0o755);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
