import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { describeGitStop, gitEnvironment, redact, type GitAccess } from '../git-auth/index.js';

/**
 * git for the baseline, started as src/git-auth says (shared with codify): no prompt, stalled
 * transfers aborted, and the token only in the environment as a header scoped to the remote's
 * origin.
 */
export interface GitRunner {
  in(dir: string): SimpleGit;
  /** git with its streams open, for a long conversation (`cat-file --batch`); same environment and signal. */
  spawn(dir: string, args: readonly string[]): ChildProcessWithoutNullStreams;
  /** Strings that must never appear in a message: the token in every form git may see. */
  readonly secrets: readonly string[];
}

/** `signal` kills a git command under way and refuses new ones. */
export function createGitRunner(access: GitAccess, signal?: AbortSignal): GitRunner {
  const git = gitEnvironment(access);
  const timeout = git.simpleGitOptions.abort;
  const abort = signal && timeout ? AbortSignal.any([signal, timeout]) : (signal ?? timeout);
  return {
    secrets: git.secrets,
    in: (dir) => simpleGit({ baseDir: dir, ...git.simpleGitOptions, ...(abort ? { abort } : {}) }).env({ ...git.env }),
    spawn: (dir, args) => spawn('git', args, { cwd: dir, env: { ...git.env }, ...(abort ? { signal: abort } : {}) }),
  };
}

export interface GitFailure {
  /** The line of git's stderr that says what went wrong: the last `fatal:` or `error:` line, else the last line. */
  reason: string;
  /** git's whole output as the error's cause, so that logging the cause cannot leak a credential either. */
  cause: Error;
}

/** What a failed git command said, without credentials. */
export function gitFailure(error: unknown, secrets: readonly string[]): GitFailure {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const fatal = lines.filter((line) => /^(fatal|error):/i.test(line)).at(-1);
  const line = describeGitStop(text) ?? (fatal ?? lines.at(-1) ?? 'git failed').replace(/^(fatal|error):\s*/i, '');
  return { reason: redact(line, secrets), cause: new Error(redact(text, secrets)) };
}

const AUTH_FAILURE =
  /authentication failed|could not read (username|password)|terminal prompts disabled|returned error: 40[13]|permission denied \(publickey/i;

export function isAuthFailure(reason: string): boolean {
  return AUTH_FAILURE.test(reason);
}
