import { DriftbackError } from '../../model/index.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { dispositionOfGitFailure, type CodifyDisposition } from '../disposition.js';
import { SCOPE_TRAILER, type CommitInfo, type FileWrite, type GitPort, type GitWorkspace, type WorkspaceOptions } from '../git-port.js';
import { describeGitStop, gitEnvironment, stripUrlCredentials, type GitEnvironment } from '../../git-auth/index.js';
import { resolveInside } from './safe-path.js';

/** A git failure; its message names the repository without credentials and holds no token. */
export class GitStepError extends DriftbackError {
  override name = 'GitStepError';
  readonly stage = 'codify' as const;
  readonly conditionReason = 'PullRequestFailed';
  readonly disposition: CodifyDisposition;
  constructor(message: string) {
    super(message);
    this.disposition = dispositionOfGitFailure(message);
  }
}

const HEAD_FORMAT = `%H%n%T%n%ae%n%(trailers:key=${SCOPE_TRAILER},valueonly,separator=%x2C)`;

function parseHead(output: string): CommitInfo {
  const [sha = '', tree = '', authorEmail = '', scope = ''] = output.trim().split('\n');
  return { sha, tree, authorEmail, ...(scope ? { scope } : {}) };
}

async function gitStep<T>(repo: string, access: GitEnvironment, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const detail = describeGitStop(text) ?? text.trim();
    const message = `git ${what} ${stripUrlCredentials(repo)} failed: ${detail}`;
    // The original error is not attached as cause: it may carry git's unscrubbed output.
    throw new GitStepError(access.redact(message));
  }
}

class SimpleGitWorkspace implements GitWorkspace {
  constructor(
    private readonly git: SimpleGit,
    private readonly root: string,
    private readonly workDir: string,
    private readonly options: WorkspaceOptions,
    private readonly access: GitEnvironment,
  ) {}

  private step<T>(what: string, run: () => Promise<T>): Promise<T> {
    return gitStep(this.options.repo, this.access, what, run);
  }

  async readBaseFile(path: string): Promise<string | undefined> {
    await resolveInside(this.root, path);
    const ref = `refs/remotes/origin/${this.options.baseBranch}`;
    const listed = await this.step('ls-tree', () => this.git.raw(['ls-tree', '--name-only', ref, '--', path]));
    if (listed.trim() === '') return undefined;
    return this.step('show', () => this.git.show([`${ref}:${path}`]));
  }

  async listBaseFiles(): Promise<string[]> {
    const ref = `refs/remotes/origin/${this.options.baseBranch}`;
    const listed = await this.step('ls-tree', () => this.git.raw(['ls-tree', '-r', '-z', '--name-only', ref]));
    return listed.split('\0').filter((path) => path !== '');
  }

  async remoteBranchHead(branch: string): Promise<CommitInfo | undefined> {
    const ref = `refs/heads/${branch}`;
    const listed = await this.step('ls-remote', () => this.git.raw(['ls-remote', 'origin', ref]));
    if (listed.trim() === '') return undefined;
    const tracking = `refs/remotes/origin/${branch}`;
    await this.step('fetch', () => this.git.raw(['fetch', '--no-tags', 'origin', `+${ref}:${tracking}`]));
    return parseHead(await this.step('log', () => this.git.raw(['log', '-1', `--format=${HEAD_FORMAT}`, tracking])));
  }

  async commit(branch: string, files: FileWrite[], message: string): Promise<CommitInfo> {
    const base = `refs/remotes/origin/${this.options.baseBranch}`;
    await this.step('checkout', () => this.git.raw(['checkout', '--force', '--no-track', '-B', branch, base]));
    for (const file of files) {
      const target = await resolveInside(this.root, file.path);
      if (file.content === null) {
        await rm(target, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content);
      }
    }
    const paths = files.map((file) => file.path);
    await this.step('add', () => this.git.raw(['add', '--all', '--', ...paths]));
    await this.step('commit', () => this.git.raw(['commit', '--no-verify', '-m', message]));
    return parseHead(await this.step('log', () => this.git.raw(['log', '-1', `--format=${HEAD_FORMAT}`, 'HEAD'])));
  }

  async push(branch: string, expectedSha: string | undefined): Promise<void> {
    const ref = `refs/heads/${branch}`;
    await this.step('push', () =>
      this.git.raw(['push', '--porcelain', `--force-with-lease=${ref}:${expectedSha ?? ''}`, 'origin', `${ref}:${ref}`]),
    );
  }

  async deleteRemoteBranch(branch: string, expectedSha: string): Promise<void> {
    const ref = `refs/heads/${branch}`;
    await this.step('push --delete', () =>
      this.git.raw(['push', '--porcelain', `--force-with-lease=${ref}:${expectedSha}`, 'origin', `:${ref}`]),
    );
  }

  async dispose(): Promise<void> {
    await rm(this.workDir, { recursive: true, force: true });
  }
}

/**
 * Clones into a fresh temporary directory per workspace; dispose() removes it. git is started as
 * src/git-auth says, like the baseline's: the token travels only in the environment, as an
 * Authorization header scoped to the remote's origin, with prompts off and stalled transfers
 * aborted. Only the commit identity is passed as `-c` arguments.
 */
export function createGitPort(options: { tempDir?: string; protocols?: readonly string[]; timeoutMs?: number } = {}): GitPort {
  return {
    async openWorkspace(workspace: WorkspaceOptions): Promise<GitWorkspace> {
      const workDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'driftback-codify-'));
      try {
        const access = gitEnvironment({ remote: workspace.repo, token: workspace.token, protocols: options.protocols, timeoutMs: options.timeoutMs });
        const config = [
          `user.name=${workspace.author.name}`,
          `user.email=${workspace.author.email}`,
          'commit.gpgsign=false',
        ];
        const git = (baseDir: string) => simpleGit({ baseDir, config, ...access.simpleGitOptions }).env({ ...access.env });
        const root = join(workDir, 'repo');
        await gitStep(workspace.repo, access, 'clone', () =>
          git(workDir).clone(workspace.repo, root, ['--branch', workspace.baseBranch, '--single-branch', '--no-tags']),
        );
        return new SimpleGitWorkspace(git(root), root, workDir, workspace, access);
      } catch (error) {
        await rm(workDir, { recursive: true, force: true });
        throw error;
      }
    },
  };
}
