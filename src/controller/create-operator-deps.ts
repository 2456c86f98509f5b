import { createKustomizeRenderer, createRenderCache, loadBaseline } from '../baseline/index.js';
import { ensureDriftPullRequests, type PullRequestOutcome, type PullRequestPlatform } from '../codify/index.js';
import { applyChangesToSource } from '../codify/edit/index.js';
import { createGitPort } from '../codify/git/index.js';
import { createGitHubPlatform, githubAuthFrom, GitHubSettingsError } from '../codify/github/index.js';
import type { DriftReport } from '../model/report.js';
import { reportProblems, summarize } from '../report/build-report.js';
import { redactSecretChanges } from '../report/scrub-secrets.js';
import type { Clock } from './clock.js';
import type { PullRequestRef, PullRequestRun } from './runtime-deps.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { OperatorDeps } from './operator.js';
import type { ClusterPort } from './ports.js';
import { admitSource, DEFAULT_TENANT_POLICY, gitProtocols, pullRequestTargetAllowed, type TenantPolicy } from './tenant-policy.js';

export interface OperatorDepsOptions {
  cluster: ClusterPort;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** Where clones and pull-request workspaces go (the image's root filesystem is read-only). */
  tempDir?: string;
  /** Where pull requests go; default GitHub as the DriftWatch says (the demo passes a local target). */
  platformFor?(run: PullRequestRun): PullRequestPlatform;
  /** What DriftWatches may make the operator do (transports, pull-request targets, git timeout). */
  tenantPolicy?: TenantPolicy;
  /** Field managers whose writes are drift in no DriftWatch. */
  trustedManagers?: readonly string[];
  /** GitHub client tuning, for tests against a stand-in. */
  github?: { throttle?: { enabled?: boolean; retryAfterBaseMs?: number }; retry?: { retries?: number; retryAfterBaseMs?: number } };
}

/** The operator's stages with their real adapters: Git through src/baseline, pull requests through src/codify. */
export function createOperatorDeps(options: OperatorDepsOptions): OperatorDeps {
  const policy = options.tenantPolicy ?? DEFAULT_TENANT_POLICY;
  const protocols = gitProtocols(policy);
  const git = createGitPort({ tempDir: options.tempDir, protocols, timeoutMs: policy.gitTimeoutMs });
  // Each root is rendered once per revision: a resync of an unchanged revision reuses the render.
  const renders = createRenderCache();
  const pathVariable = process.env.PATH;
  return {
    cluster: options.cluster,
    metrics: options.metrics,
    log: options.log,
    clock: options.clock,
    trustedManagers: options.trustedManagers,
    baselines: {
      load: async ({ kustomize, ...source }, onManifests) => {
        admitSource({ repo: source.repo, paths: source.paths ?? [] }, policy);
        return loadBaseline({
          ...source,
          onManifests,
          tempDir: options.tempDir,
          gitProtocols: protocols,
          gitTimeoutMs: policy.gitTimeoutMs,
          kustomize: { ...kustomize, pathVariable, cache: renders },
        });
      },
    },
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
          owner: `${spec.namespace}/${spec.name}`,
        },
        platform,
        git,
        editor: applyChangesToSource,
        renderer: createKustomizeRenderer({ ...spec.kustomize, pathVariable }),
        log: (message) => options.log.info({ driftwatch: `${spec.namespace}/${spec.name}` }, message),
      });
      return outcomes.map(({ number, url, branch, action }) => ({ number, url, branch, action }));
    },
  };
}

function githubPlatform(run: PullRequestRun, options: OperatorDepsOptions): PullRequestPlatform {
  const { spec } = run;
  const where = `DriftWatch ${spec.namespace}/${spec.name}`;
  const platform = createGitHubPlatform({
    repo: spec.source.repo,
    repository: spec.pullRequests.github?.repository,
    apiUrl: spec.pullRequests.github?.apiUrl,
    auth: githubAuthFrom(run.githubCredentials, `${where}: spec.pullRequests.github.secretRef must name a Secret with a GitHub token`),
    ...options.github,
    log: (message) => options.log.info({ driftwatch: `${spec.namespace}/${spec.name}` }, message),
    onRateLimitRemaining: (remaining) => options.metrics.githubRateLimitRemaining.set(remaining),
    what: {
      missingRepository: `${where}: spec.pullRequests.github.repository is required`,
      repository: `${where}: spec.pullRequests.github.repository`,
      apiUrl: `${where}: spec.pullRequests.github.apiURL`,
    },
  });
  const policy = options.tenantPolicy ?? DEFAULT_TENANT_POLICY;
  if (!pullRequestTargetAllowed(platform.repository, policy)) {
    throw new GitHubSettingsError(`${where}: pull requests to ${platform.repository} are not allowed by this operator (--allowed-github-repository ${policy.githubRepositories?.join(', ')})`);
  }
  return platform;
}
