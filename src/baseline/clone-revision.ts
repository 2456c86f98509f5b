import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BaselineError } from './baseline-error.js';
import { gitFailure, isAuthFailure, type GitFailure, type GitRunner } from './run-git.js';

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const SHORT_SHA = /^[0-9a-f]{4,63}$/i;

export interface CloneTarget {
  /** What git is given: a URL or an absolute path. */
  remote: string;
  /** The repository as shown in messages, without credentials. */
  repo: string;
  revision?: string;
  /** A directory that does not exist yet, inside an existing one. */
  dir: string;
}

/**
 * Fetches one revision with as little history as the server allows, HEAD at it and nothing
 * checked out (the files are read from Git's objects, see git-tree-access.ts), and returns its
 * commit sha.
 * Branches and tags are cloned with `--depth 1 --branch`; a full sha is fetched alone (servers
 * allow that with protocol v2 or `uploadpack.allowReachableSHA1InWant`) and, when the server
 * refuses, from a full fetch; an abbreviated sha is found in a full fetch.
 */
export async function cloneRevision(git: GitRunner, target: CloneTarget): Promise<string> {
  const { revision } = target;
  if (revision && FULL_SHA.test(revision)) {
    await fetchCommit(git, target, revision);
  } else {
    await cloneBranchOrTag(git, target);
  }
  try {
    return (await git.in(target.dir).raw(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  } catch (error) {
    // A clone of a repository without commits succeeds, with nothing checked out.
    const { cause } = gitFailure(error, git.secrets);
    const reason = 'the repository has no commits';
    throw new BaselineError({ kind: 'revision', repo: target.repo, revision, reason }, { cause });
  }
}

async function cloneBranchOrTag(git: GitRunner, target: CloneTarget): Promise<void> {
  const { remote, revision, dir } = target;
  const branch = revision ? [`--branch=${revision}`] : [];
  try {
    await git.in(dirname(dir)).raw(['clone', '--quiet', '--no-checkout', '--depth=1', '--no-tags', ...branch, '--', remote, dir]);
  } catch (error) {
    const failure = gitFailure(error, git.secrets);
    if (revision && /not found in upstream/i.test(failure.reason)) {
      if (SHORT_SHA.test(revision)) return fetchCommit(git, target, revision);
      const { reason, cause } = failure;
      throw new BaselineError({ kind: 'revision', repo: target.repo, revision, reason }, { cause });
    }
    throw accessError(target, failure);
  }
}

async function fetchCommit(git: GitRunner, target: CloneTarget, revision: string): Promise<void> {
  await mkdir(target.dir);
  const repo = git.in(target.dir);
  await repo.raw(['init', '--quiet']);
  await repo.raw(['config', 'remote.origin.url', target.remote]);
  if (FULL_SHA.test(revision)) {
    try {
      await repo.raw(['fetch', '--quiet', '--depth=1', 'origin', revision]);
      await repo.raw(['update-ref', '--no-deref', 'HEAD', `${revision}^{commit}`]);
      return;
    } catch (error) {
      const failure = gitFailure(error, git.secrets);
      if (isAuthFailure(failure.reason)) throw accessError(target, failure);
    }
  }
  try {
    await repo.raw(['fetch', '--quiet', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
  } catch (error) {
    throw accessError(target, gitFailure(error, git.secrets));
  }
  let sha: string;
  try {
    sha = (await repo.raw(['rev-parse', '--verify', '--end-of-options', `${revision}^{commit}`])).trim();
  } catch (error) {
    const { cause } = gitFailure(error, git.secrets);
    const reason = 'no commit with this sha on any branch or tag';
    throw new BaselineError({ kind: 'revision', repo: target.repo, revision, reason }, { cause });
  }
  await repo.raw(['update-ref', '--no-deref', 'HEAD', sha]);
}

function accessError(target: CloneTarget, { reason, cause }: GitFailure): BaselineError {
  const kind = isAuthFailure(reason) ? 'auth' : 'clone';
  return new BaselineError({ kind, repo: target.repo, revision: target.revision, reason }, { cause });
}
