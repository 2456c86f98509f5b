/**
 * The git side of codifying drift, behind a port so ensureDriftPullRequests stays testable and
 * simple-git stays in src/codify/git.
 */
export interface GitIdentity {
  name: string;
  email: string;
}

export const DEFAULT_AUTHOR: GitIdentity = {
  name: 'driftback[bot]',
  email: 'driftback@users.noreply.github.com',
};

/** A file to write (content) or delete (null), relative to the repository root. */
export interface FileWrite {
  path: string;
  content: string | null;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  authorEmail: string;
  /** The `Driftback-Scope` trailer driftback writes into its own commits. */
  scope?: string;
}

export const SCOPE_TRAILER = 'Driftback-Scope';

export interface WorkspaceOptions {
  /** Anything `git clone` accepts. */
  repo: string;
  baseBranch: string;
  /** HTTPS token, sent as an http.extraHeader; never part of a URL or a message. */
  token?: string;
  author: GitIdentity;
}

/** A temporary clone of `repo` at `baseBranch`. */
export interface GitWorkspace {
  /** A file as the base branch has it; undefined when absent. Throws UnsafePathError. */
  readBaseFile(path: string): Promise<string | undefined>;
  /** Every file path of the base branch, relative to the repository root. */
  listBaseFiles(): Promise<string[]>;
  /** The head commit of `branch` on the remote, undefined when the branch does not exist. */
  remoteBranchHead(branch: string): Promise<CommitInfo | undefined>;
  /** Resets `branch` to the base branch, applies the writes and commits them locally. */
  commit(branch: string, files: FileWrite[], message: string): Promise<CommitInfo>;
  /** Force-pushes `branch`, only if the remote still has `expectedSha` (undefined: must not exist). */
  push(branch: string, expectedSha: string | undefined): Promise<void>;
  deleteRemoteBranch(branch: string, expectedSha: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface GitPort {
  openWorkspace(options: WorkspaceOptions): Promise<GitWorkspace>;
}

/** A path that would land outside the clone (`..`, absolute, `.git`, a symbolic link out). */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}
