import { DriftbackError } from '../../model/index.js';
import { githubRepositoryFromUrl } from '../github-repository.js';
import type { GitHubAuth } from './create-octokit.js';
import { GitHubPlatform, type GitHubPlatformOptions } from './github-platform.js';

/** Pull-request settings that cannot work: a person must change them (a flag, a DriftWatch field, a Secret). */
export class GitHubSettingsError extends DriftbackError {
  override name = 'GitHubSettingsError';
  readonly stage = 'codify' as const;
  readonly disposition = 'stall' as const;
  readonly conditionReason = 'PullRequestFailed';
}

/** GitHub credentials as a Secret or the flags hold them: a token, or a GitHub App's three keys. */
export interface GitHubCredentials {
  token?: string;
  appId?: string;
  installationId?: string;
  privateKey?: string;
}

export function githubAuthFrom(credentials: GitHubCredentials | undefined, missing: string): GitHubAuth {
  if (credentials?.token) return { token: credentials.token };
  if (credentials?.appId && credentials.installationId && credentials.privateKey) {
    return { appId: credentials.appId, installationId: credentials.installationId, privateKey: credentials.privateKey };
  }
  throw new GitHubSettingsError(missing);
}

/**
 * The GitHub platform for `scan --open-prs` and the operator alike: the repository named, else
 * the owner/name of a github.com `repo` URL; a malformed one or an unusable API URL refused with
 * `what` saying which setting to change.
 */
export function createGitHubPlatform(
  options: Omit<GitHubPlatformOptions, 'repository'> & { repository?: string; repo: string; what: { missingRepository: string; repository: string; apiUrl: string } },
): GitHubPlatform {
  const { repo, what, ...rest } = options;
  const repository = options.repository ?? githubRepositoryFromUrl(repo);
  if (!repository) throw new GitHubSettingsError(`${what.missingRepository}: ${repo} is not a github.com URL`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new GitHubSettingsError(`${what.repository} must be owner/name (got "${repository}")`);
  if (options.apiUrl !== undefined && !/^https?:\/\/[^/]/i.test(options.apiUrl)) {
    throw new GitHubSettingsError(`${what.apiUrl} must be an http(s) URL (got "${options.apiUrl}")`);
  }
  return new GitHubPlatform({ ...rest, repository });
}
