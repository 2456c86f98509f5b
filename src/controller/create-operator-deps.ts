import { loadBaseline } from '../baseline/index.js';
import { ensureDriftPullRequests, type PullRequestOutcome, type PullRequestPlatform } from '../codify/index.js';
import { applyChangesToSource } from '../codify/edit/index.js';
import { createGitPort } from '../codify/git/index.js';
import { GitHubPlatform, type GitHubAuth } from '../codify/github/index.js';
import { githubRepositoryFromUrl } from '../codify/github-repository.js';
import type { DriftReport } from '../model/report.js';
import { reportProblems, summarize } from '../report/build-report.js';
import { redactSecretChanges } from '../report/scrub-secrets.js';
import type { Clock } from './clock.js';
import type { PullRequestRef, PullRequestRun } from './drift-watch-runtime.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { OperatorDeps } from './operator.js';
import type { ClusterPort } from './ports.js';

export interface OperatorDepsOptions {
  cluster: ClusterPort;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** Where clones and pull-request workspaces go (the image's root filesystem is read-only). */
  tempDir?: string;
  /** Where pull requests go; default GitHub as the DriftWatch says (the demo passes a local target). */
  platformFor?(run: PullRequestRun): PullRequestPlatform;
  /** GitHub client tuning, for tests against a stand-in. */
  github?: { throttle?: { enabled?: boolean; retryAfterBaseMs?: number }; retry?: { retries?: number; retryAfterBaseMs?: number } };
}

/** A failure the operator cannot fix by retrying: the DriftWatch's pull-request settings. */
export class PullRequestSettingsError extends Error {
  override name = 'PullRequestSettingsError';
  readonly disposition = 'stall' as const;
}

/** The operator's stages with their real adapters: Git through src/baseline, pull requests through src/codify. */
export function createOperatorDeps(options: OperatorDepsOptions): OperatorDeps {
  const git = createGitPort({ tempDir: options.tempDir });
  return {
    cluster: options.cluster,
    metrics: options.metrics,
    log: options.log,
    clock: options.clock,
    baselines: { load: (source) => loadBaseline({ ...source, tempDir: options.tempDir }) },
    ensurePullRequests: async (run: PullRequestRun): Promise<PullRequestRef[]> => {
      const { spec } = run;
      const settings = spec.pullRequests;
      const platform = options.platformFor?.(run) ?? githubPlatform(run, options);
      const { problems, skipped } = reportProblems(run.baseline.problems);
      const report = redactSecretChanges(
        {
          apiVersion: 'driftback.dev/v1alpha1',
          kind: 'DriftReport',
          source: { repo: spec.source.repo, revision: run.baseline.revision, paths: run.baseline.paths },
          summary: summarize(run.results, problems.length),
          results: run.results,
          problems,
          skipped,
        } satisfies DriftReport,
        run.secretValues,
      );
      const outcomes: PullRequestOutcome[] = await ensureDriftPullRequests({
        report,
        baseline: run.baseline.manifests,
        live: run.live,
        options: {
          repo: spec.source.repo,
          token: run.gitToken ?? run.githubCredentials?.token,
          baseBranch: settings.baseBranch,
          prPer: settings.grouping,
          labels: settings.labels,
          reviewers: settings.reviewers,
          assignees: settings.assignees,
          codifyDeletions: settings.codifyDeletions,
        },
        platform,
        git,
        editor: applyChangesToSource,
        log: (message) => options.log.info({ driftwatch: `${spec.namespace}/${spec.name}` }, message),
      });
      return outcomes.map(({ number, url, branch, action }) => ({ number, url, branch, action }));
    },
  };
}

function githubPlatform(run: PullRequestRun, options: OperatorDepsOptions): PullRequestPlatform {
  const { spec } = run;
  const where = `DriftWatch ${spec.namespace}/${spec.name}`;
  const repository = spec.pullRequests.github?.repository ?? githubRepositoryFromUrl(spec.source.repo);
  if (!repository) throw new PullRequestSettingsError(`${where}: spec.pullRequests.github.repository is required for ${spec.source.repo}`);
  return new GitHubPlatform({
    repository,
    apiUrl: spec.pullRequests.github?.apiUrl,
    auth: githubAuth(run.githubCredentials, where),
    ...options.github,
    log: (message) => options.log.info({ driftwatch: `${spec.namespace}/${spec.name}` }, message),
    onRateLimitRemaining: (remaining) => options.metrics.githubRateLimitRemaining.set(remaining),
  });
}

function githubAuth(credentials: Record<string, string> | undefined, where: string): GitHubAuth {
  if (credentials?.token) return { token: credentials.token };
  if (credentials?.appId && credentials.installationId && credentials.privateKey) {
    return { appId: credentials.appId, installationId: credentials.installationId, privateKey: credentials.privateKey };
  }
  throw new PullRequestSettingsError(`${where}: spec.pullRequests.github.secretRef must name a Secret with a GitHub token`);
}
