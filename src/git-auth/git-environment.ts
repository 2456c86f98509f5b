import { basicCredential, redact, tokenSecrets, urlPasswords } from './redact.js';

/**
 * How driftback starts git, for the baseline and for codify alike: never prompting (an operator
 * has no terminal), aborting transfers that stall, and with the HTTPS token as an
 * `http.<origin>/.extraHeader` set through GIT_CONFIG_COUNT/KEY_n/VALUE_n variables. The
 * environment, unlike `-c` arguments, is not visible to other users in the process list, and
 * scoping the header to the repository's origin keeps git from sending it to any other host.
 *
 * This module does not import simple-git (only src/baseline and src/codify/git may); it hands
 * them the environment and the simple-git options that let it through simple-git's guard.
 */
export interface GitAccess {
  /** What git is given as the remote: a URL or an absolute path. */
  remote: string;
  token?: string;
  /** Transports git may use (GIT_ALLOW_PROTOCOL, e.g. https, ssh, file); any when absent. */
  protocols?: readonly string[];
  /** Every git command of this access is killed once this much time has passed since it was prepared. */
  timeoutMs?: number;
}

export interface GitEnvironment {
  /** The whole environment for git (simple-git's `.env()` replaces, not extends, process.env). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Options for `simpleGit()`: its guard strips inherited GIT_* variables and refuses explicit
   * ones unless named in `allowEnvironment`; GIT_CONFIG_COUNT also needs `allowUnsafeConfigEnvCount`.
   */
  readonly simpleGitOptions: {
    readonly allowEnvironment: string[];
    readonly unsafe: { readonly allowUnsafeConfigEnvCount: true };
    readonly abort?: AbortSignal;
  };
  /** Strings that must never appear in a message: the token and URL password in every form. */
  readonly secrets: readonly string[];
  /** A message about this git access, without credentials. */
  redact(text: string): string;
}

/** Transfers slower than 1000 bytes/s for 60 s are aborted rather than hanging the caller. */
const LOW_SPEED_LIMIT = '1000';
const LOW_SPEED_TIME = '60';

// simple-git refuses a task whose explicit environment holds one of these unless allowed, and
// strips them when inherited; leaving them out of the copied environment keeps that consistent.
const GUARDED_ENV = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

export function gitEnvironment({ remote, token, protocols, timeoutMs }: GitAccess): GitEnvironment {
  const config: [string, string][] = [
    ['http.lowSpeedLimit', LOW_SPEED_LIMIT],
    ['http.lowSpeedTime', LOW_SPEED_TIME],
    // A repository is data: its submodules are never fetched (hooks never travel with a clone).
    ['submodule.recurse', 'false'],
  ];
  const secrets = [...urlPasswords(remote), ...tokenSecrets(token)];
  const origin = httpOrigin(remote);
  if (token && origin) config.push([`http.${origin}/.extraHeader`, `Authorization: ${basicCredential(token)}`]);

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    const lower = name.toLowerCase();
    if (value !== undefined && !lower.startsWith('git_') && !GUARDED_ENV.has(lower)) env[name] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_LFS_SKIP_SMUDGE = '1';
  // ext:: and fd:: run commands; a tenant's DriftWatch must not choose the transport.
  if (protocols) env.GIT_ALLOW_PROTOCOL = protocols.join(':');
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });

  return {
    env,
    simpleGitOptions: {
      allowEnvironment: Object.keys(env).filter((name) => name.startsWith('GIT_')),
      unsafe: { allowUnsafeConfigEnvCount: true },
      ...(timeoutMs !== undefined ? { abort: AbortSignal.timeout(timeoutMs) } : {}),
    },
    secrets,
    redact: (text) => redact(text, secrets),
  };
}

/** `scheme://host[:port]` of an http(s) remote; undefined for paths, ssh and scp-like remotes. */
function httpOrigin(remote: string): string | undefined {
  if (!/^https?:\/\//i.test(remote)) return undefined;
  try {
    const url = new URL(remote);
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}

/** What simple-git says when the `timeoutMs` signal stopped git, in words a person can act on. */
export function describeGitStop(text: string): string | undefined {
  return /Abort (signal received|already signaled)/.test(text) ? 'git did not finish within the time allowed (the operator\'s --git-timeout)' : undefined;
}
