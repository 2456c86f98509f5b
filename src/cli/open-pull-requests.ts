import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDriftPullRequests, type GitIdentity, type KustomizeRenderPort, PR_GROUPINGS, type PrGrouping, type PullRequestOutcome, type PullRequestPlatform } from '../codify/index.js';
import { createGitPort } from '../codify/git/index.js';
import { createGitHubPlatform, GitHubSettingsError, type GitHubAuth } from '../codify/github/index.js';
import { applyChangesToSource } from '../codify/edit/index.js';
import { gitRemote } from '../baseline/index.js';
import { EXIT, UsageError, type CommandIO, type ExitCode } from './command.js';
import { describeFailure } from './describe-failure.js';
import type { ScanOutcome } from './scan-pipeline.js';

export const PR_OPTIONS = {
  'open-prs': { type: 'boolean', default: false },
  'github-token': { type: 'string' },
  'github-api-url': { type: 'string' },
  'github-repository': { type: 'string' },
  'github-app-id': { type: 'string' },
  'github-app-installation-id': { type: 'string' },
  'github-app-private-key': { type: 'string' },
  'base-branch': { type: 'string' },
  'pr-per': { type: 'string', default: 'source' },
  label: { type: 'string', multiple: true },
  reviewer: { type: 'string', multiple: true },
  assignee: { type: 'string', multiple: true },
  'codify-deletions': { type: 'boolean', default: false },
  'git-author': { type: 'string' },
} as const;

export interface PrFlags {
  repo?: string;
  'github-token'?: string;
  'github-api-url'?: string;
  'github-repository'?: string;
  'github-app-id'?: string;
  'github-app-installation-id'?: string;
  'github-app-private-key'?: string;
  'base-branch'?: string;
  'pr-per'?: string;
  label?: string[];
  reviewer?: string[];
  assignee?: string[];
  'codify-deletions'?: boolean;
  'git-author'?: string;
}

/** What `--open-prs` needs, checked before anything is cloned or scanned. */
export interface PullRequestSettings {
  flags: PrFlags;
  /** Where git pushes the branch: `--repo` as a URL, or a local path made absolute. */
  repo: string;
  prPer: PrGrouping;
  /** For pushing the branch; undefined with a GitHub App (the platform hands out one). */
  token: string | undefined;
  platform: PullRequestPlatform;
  /** The commit's author; the driftback bot identity when absent. */
  author?: GitIdentity;
}

/**
 * Validates the `--open-prs` flags (`--pr-per`, the GitHub repository, the API URL and the
 * credentials) and builds the platform, so that bad input fails with UsageError (exit 2) before
 * the cluster is contacted or the repository cloned, not after a whole scan.
 */
export function preparePullRequests(flags: PrFlags, io: CommandIO): PullRequestSettings {
  const prPer = flags['pr-per'] ?? 'source';
  if (!(PR_GROUPINGS as readonly string[]).includes(prPer)) throw new UsageError(`--pr-per must be one of ${PR_GROUPINGS.join(', ')} (got "${prPer}")`);
  const token = flags['github-token'] ?? io.env.GITHUB_TOKEN;
  const platform = githubPlatform(flags, flags.repo!, token, io);
  // The branch is pushed from a temporary workspace: a relative --repo means relative to io.cwd.
  const repo = gitRemote(flags.repo!, io.cwd);
  return { flags, repo, prPer: prPer as PrGrouping, token, platform, author: parseAuthor(flags['git-author']) };
}

/** `scan --open-prs`: codifies the compliant drift of a finished scan on GitHub; `renderer` proves Kustomize overlay edits. */
export async function openPullRequests(
  settings: PullRequestSettings,
  outcome: ScanOutcome,
  io: CommandIO,
  say: (text: string) => string,
  renderer?: KustomizeRenderPort,
): Promise<ExitCode> {
  const { flags, repo, prPer, token, platform, author } = settings;
  try {
    const outcomes = await ensureDriftPullRequests({
      report: outcome.report,
      baseline: outcome.baseline.manifests,
      live: outcome.live,
      options: {
        repo,
        token,
        baseBranch: flags['base-branch'],
        prPer,
        labels: flags.label,
        reviewers: flags.reviewer,
        assignees: flags.assignee,
        codifyDeletions: flags['codify-deletions'],
        author,
      },
      platform,
      git: createGitPort(),
      editor: applyChangesToSource,
      renderer,
      log: (message) => io.stderr.write(say(`driftback: ${message}\n`)),
    });
    for (const pr of outcomes) io.stderr.write(say(`driftback: pull request ${describeOutcome(pr)}\n`));
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(say(`driftback: cannot open pull requests: ${describeFailure(error)}\n`));
    return EXIT.failure;
  }
}

function githubPlatform(flags: PrFlags, repo: string, token: string | undefined, io: CommandIO): PullRequestPlatform {
  const auth = githubAuth(flags, token, io);
  try {
    return createGitHubPlatform({
      repo,
      repository: flags['github-repository'],
      apiUrl: flags['github-api-url'],
      auth,
      what: { missingRepository: '--open-prs needs --github-repository <owner/name>', repository: '--github-repository', apiUrl: '--github-api-url' },
    });
  } catch (error) {
    throw new UsageError(error instanceof GitHubSettingsError ? error.message : `--open-prs: ${describeFailure(error)}`);
  }
}

function githubAuth(flags: PrFlags, token: string | undefined, io: CommandIO): GitHubAuth {
  const appId = flags['github-app-id'];
  if (appId) {
    const installationId = flags['github-app-installation-id'];
    const keyFile = flags['github-app-private-key'];
    if (!installationId || !keyFile) throw new UsageError('--github-app-id needs --github-app-installation-id and --github-app-private-key <file>');
    let privateKey: string;
    try {
      privateKey = readFileSync(resolve(io.cwd, keyFile), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --github-app-private-key ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? describeFailure(error)}`);
    }
    return { appId, installationId, privateKey };
  }
  if (!token) throw new UsageError('--open-prs needs --github-token or GITHUB_TOKEN (or --github-app-id with its installation id and private key)');
  return { token };
}

export function describeOutcome(pr: PullRequestOutcome): string {
  const where = pr.number !== undefined ? `#${pr.number}${pr.url ? ` ${pr.url}` : ''}` : '(none open)';
  return `${pr.action}: ${where} on branch ${pr.branch}`;
}

/** `--git-author "Name <email>"`, as git writes an identity. */
function parseAuthor(text: string | undefined): GitIdentity | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!match) throw new UsageError(`--git-author must look like "Name <email@example.com>" (got "${text}")`);
  return { name: match[1]!, email: match[2]! };
}
