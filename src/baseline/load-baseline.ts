import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Baseline } from '../model/index.js';
import { BaselineError } from './baseline-error.js';
import { cloneRevision } from './clone-revision.js';
import { gitTreeAccess } from './git-tree-access.js';
import type { RenderSettings } from './kustomize/render-roots.js';
import { readCheckout, type ReadManifestsOptions } from './read-manifests.js';
import { stripUrlCredentials } from './redact.js';
import { normalizeRepoPath } from './repo-paths.js';
import { createGitRunner } from './run-git.js';

const TEMP_PREFIX = 'driftback-baseline-';

export interface LoadBaselineOptions {
  /** Anything `git clone` accepts: a URL, a local path (relative to `cwd`), a file:// URL. */
  repo: string;
  /** Branch, tag or commit sha (full or abbreviated); default: the remote's default branch. */
  revision?: string;
  /** Relative to the repository root, read recursively; default: the whole repository. */
  paths?: string[];
  /** HTTPS token, handed to git as an Authorization header; never in a URL or a message. */
  token?: string;
  /** Transports git may use (e.g. https, ssh); any when absent. The operator limits them. */
  gitProtocols?: readonly string[];
  /** The clone is abandoned after this long. */
  gitTimeoutMs?: number;
  /** Files larger than this are refused (an error problem); default DEFAULT_MAX_FILE_BYTES (5 MiB). */
  maxFileBytes?: number;
  /** Path globs of files and directories not read (`--exclude`). */
  exclude?: readonly string[];
  onManifests?: ReadManifestsOptions['onManifests'];
  /** Abandons the clone and the reading (the checkout is still removed); rejects with its reason. */
  signal?: AbortSignal;
  cwd?: string;
  /** Where the temporary checkout is made (and always removed); default: the OS temp directory. */
  tempDir?: string;
  /** How Kustomize roots are rendered (the binary, limits, remote bases, a render cache). */
  kustomize?: RenderSettings;
}

/**
 * Clones one revision of a repository into a fresh temporary directory, reads its manifests (from
 * Git's objects, written out only for kustomize or symlinks) and removes the directory, whatever
 * happens. Failing to get the revision at all throws a
 * BaselineError; problems with single files are returned in `problems`.
 */
export async function loadBaseline(options: LoadBaselineOptions): Promise<Baseline> {
  const repo = stripUrlCredentials(options.repo);
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const normalizedPaths = paths.map((path) => {
    const normalized = normalizeRepoPath(path);
    if ('reason' in normalized) {
      throw new BaselineError({ kind: 'path', repo, revision: options.revision, path, reason: normalized.reason });
    }
    return normalized.path;
  });
  const remote = gitRemote(options.repo, options.cwd ?? process.cwd());
  if (remote.startsWith('-')) {
    throw new BaselineError({ kind: 'clone', repo, revision: options.revision, reason: 'not a repository URL or path' });
  }

  options.signal?.throwIfAborted();
  const git = createGitRunner({ remote, token: options.token, protocols: options.gitProtocols, timeoutMs: options.gitTimeoutMs }, options.signal);
  const temp = await mkdtemp(join(options.tempDir ?? tmpdir(), TEMP_PREFIX));
  try {
    const dir = join(temp, 'checkout');
    const sha = await cloneRevision(git, { remote, repo, revision: options.revision, dir });
    options.signal?.throwIfAborted();
    const label = { repo, revision: options.revision ?? sha };
    const tree = await gitTreeAccess(git, dir);
    try {
      const read = await readCheckout(
        dir,
        normalizedPaths,
        { maxFileBytes: options.maxFileBytes, kustomize: options.kustomize, exclude: options.exclude, onManifests: options.onManifests, signal: options.signal },
        label,
        sha,
        tree,
      );
      return { repo, revision: sha, paths: normalizedPaths, ...read };
    } finally {
      tree.close();
    }
  } catch (error) {
    // A git killed by the signal reads like one that ran out of time or broke: say why it stopped.
    options.signal?.throwIfAborted();
    throw error;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * What to hand git: URLs (`scheme://`) and scp-like `host:path` as they are, anything else as a
 * local path resolved against `cwd`, because git runs in a temporary directory (the baseline's
 * checkout, the pull-request workspace).
 */
export function gitRemote(repo: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  const colon = repo.indexOf(':');
  const slash = repo.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) return repo;
  return resolve(cwd, repo);
}
