import { simpleGit, type SimpleGit } from 'simple-git';
import { redact } from './redact.js';

/**
 * How git is started for the baseline: never prompting (an operator has no terminal), aborting
 * transfers that stall, and with the HTTPS token as an `http.<origin>.extraHeader` set through
 * GIT_CONFIG_* variables. The environment, unlike `-c` arguments, is not visible to other users
 * in the process list, and scoping the header to the repository's origin keeps it from being sent
 * to any other host a redirect points at.
 */
export interface GitAccess {
  /** What git is given as the remote: a URL or an absolute path. */
  remote: string;
  token?: string;
}

export interface GitRunner {
  in(dir: string): SimpleGit;
  /** Strings that must never appear in a message: the token in every form git may see. */
  readonly secrets: readonly string[];
}

// simple-git refuses a task whose explicit environment holds one of these unless allowed, and
// strips them when inherited; leaving them out of the copied environment keeps that consistent.
const GUARDED_ENV = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

export function createGitRunner({ remote, token }: GitAccess): GitRunner {
  const config: [string, string][] = [
    ['http.lowSpeedLimit', '1000'],
    ['http.lowSpeedTime', '60'],
  ];
  const secrets = urlPasswords(remote);
  const origin = httpOrigin(remote);
  if (token && origin) {
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    config.push([`http.${origin}/.extraHeader`, `Authorization: Basic ${basic}`]);
    secrets.push(token, basic);
  }

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    const lower = name.toLowerCase();
    if (value !== undefined && !lower.startsWith('git_') && !GUARDED_ENV.has(lower)) env[name] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_LFS_SKIP_SMUDGE = '1';
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });

  return {
    secrets,
    in: (dir) =>
      simpleGit({
        baseDir: dir,
        allowEnvironment: Object.keys(env).filter((name) => name.startsWith('GIT_')),
        unsafe: { allowUnsafeConfigEnvCount: true },
      }).env(env),
  };
}

/** A password written into the URL, as given and decoded, so that no message repeats it. */
function urlPasswords(remote: string): string[] {
  try {
    const { password } = new URL(remote);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

function httpOrigin(remote: string): string | undefined {
  if (!/^https?:\/\//i.test(remote)) return undefined;
  try {
    const url = new URL(remote);
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
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
  const line = (fatal ?? lines.at(-1) ?? 'git failed').replace(/^(fatal|error):\s*/i, '');
  return { reason: redact(line, secrets), cause: new Error(redact(text, secrets)) };
}

const AUTH_FAILURE =
  /authentication failed|could not read (username|password)|terminal prompts disabled|returned error: 40[13]|permission denied \(publickey/i;

export function isAuthFailure(reason: string): boolean {
  return AUTH_FAILURE.test(reason);
}
