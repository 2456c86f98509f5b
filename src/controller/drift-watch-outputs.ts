/**
 * What a DriftWatch writes to the world, each step on its own (a refused PolicyReport must not
 * hold back the pull request): drift Events, PolicyReports, pull requests, metrics and status.
 * DriftWatchRuntime decides when; these functions do the writing, from an explicit context.
 */
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, Manifest } from '../model/manifest.js';
import type { DriftResult, ReportSummary } from '../model/report.js';
import { countDriftedByVerdict } from '../report/drift-gauges.js';
import { collectSecretValues } from '../report/scrub-secrets.js';
import { classifyReconcileFailure } from './classify-reconcile-failure.js';
import { conditionsFor, type Condition } from './conditions.js';
import { driftEvent, driftFingerprint } from './drift-events.js';
import type { PullRequestRef, RuntimeDeps } from './runtime-deps.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import { buildPolicyReports } from './policy-reports.js';
import type { WatchSecrets } from './watch-secrets.js';

export interface OutputContext {
  spec: DriftWatchSpec;
  /** namespace/name, for logs. */
  key: string;
  deps: Pick<RuntimeDeps, 'cluster' | 'cache' | 'metrics' | 'log' | 'clock' | 'ensurePullRequests' | 'driftWatchResource'>;
  results: ReadonlyMap<string, DriftResult>;
  manifests: ReadonlyMap<string, Manifest>;
  /** The time to stamp on reports, as conditionTime formats it. */
  now: string;
}

/** Pull requests a person's action holds back, and what the status says about them. */
const HELD_BACK: Partial<Record<PullRequestRef['action'], string>> = {
  'skipped-human-commit': 'a person pushed to the branch: driftback no longer updates it; close the pull request or delete the branch to let it start over',
  declined: 'a person closed it: this drift is not proposed again; a new pull request opens when the drift changes',
};

/** One Event per drifted object and drift fingerprint; `announced` remembers which were written. False when one failed. */
export async function announceDrift(ctx: OutputContext, announced: Map<string, string>): Promise<boolean> {
  let complete = true;
  for (const [key, result] of ctx.results) {
    if (result.status !== 'Drifted') continue;
    const fingerprint = driftFingerprint(result);
    if (announced.get(key) === fingerprint) continue;
    try {
      await ctx.deps.cluster.recordEvent(driftEvent(result, ctx.spec, ctx.deps.cache.get(key)?.metadata.uid));
      announced.set(key, fingerprint);
    } catch (error) {
      complete = false;
      ctx.deps.log.warn({ driftwatch: ctx.key, object: key, err: error }, 'could not record the drift event');
    }
  }
  return complete;
}

export async function writePolicyReports(ctx: OutputContext): Promise<void> {
  const refs = [...ctx.manifests.values()].map((m) => m.ref);
  const namespaces = [...new Set(refs.map((ref) => ref.namespace).filter((ns): ns is string => !!ns))];
  const clusterScoped = refs.some((ref) => !ref.namespace);
  for (const report of buildPolicyReports([...ctx.results.values()], ctx.spec, namespaces, ctx.now, clusterScoped)) {
    const installed = await ctx.deps.cluster.applyPolicyReport(report.metadata.namespace, report);
    if (!installed) return;
  }
}

/**
 * Codifies compliant drift. The conditions after it: the reconcile's own on success, a
 * PullRequestFailed condition on failure; `done` is false when a transient failure means the pass
 * should be repeated soon.
 */
export async function syncPullRequests(
  ctx: OutputContext,
  source: { baseline: Baseline; gitSecrets: readonly KubeObject[]; tokens: WatchSecrets },
  reconcileConditions: Condition[],
  current: Condition[],
): Promise<{ pullRequests?: PullRequestRef[]; conditions: Condition[]; done: boolean }> {
  const { spec, deps } = ctx;
  if (!spec.pullRequests.enabled || !deps.ensurePullRequests) return { conditions: current, done: true };
  const live = new Map<string, KubeObject>();
  for (const key of ctx.manifests.keys()) {
    const object = deps.cache.get(key);
    if (object) live.set(key, object);
  }
  try {
    const pullRequests = await deps.ensurePullRequests({
      spec,
      results: [...ctx.results.values()],
      baseline: source.baseline,
      live,
      secretValues: collectSecretValues([...source.gitSecrets, ...live.values()]),
      gitToken: source.tokens.git,
      githubCredentials: source.tokens.github,
    });
    for (const pr of pullRequests) deps.metrics.pullRequestOperations.inc({ namespace: spec.namespace, driftwatch: spec.name, action: pr.action });
    return { pullRequests, conditions: reconcileConditions, done: true };
  } catch (error) {
    const failure = classifyReconcileFailure(error);
    deps.metrics.errors.inc({ stage: 'codify', disposition: failure.disposition });
    deps.log.warn({ driftwatch: ctx.key, reason: failure.reason }, failure.message);
    const conditions = conditionsFor(
      { kind: 'failure', disposition: failure.disposition, reason: 'PullRequestFailed', message: failure.message },
      current,
      spec.generation,
      spec.intervalMs,
      ctx.now,
    ).conditions;
    return { conditions, done: failure.disposition !== 'retry' };
  }
}

/** Drifted objects by verdict, and the age of the oldest drift (`driftSince`: when each began). */
export function updateDriftMetrics(ctx: OutputContext, driftSince: ReadonlyMap<string, number>): void {
  const { spec, deps } = ctx;
  const counts = countDriftedByVerdict(ctx.results.values());
  for (const [verdict, count] of Object.entries(counts)) {
    deps.metrics.driftedObjects.set({ namespace: spec.namespace, driftwatch: spec.name, verdict }, count);
  }
  const oldest = Math.min(...driftSince.values());
  const age = Number.isFinite(oldest) ? (deps.clock.now() - oldest) / 1000 : 0;
  deps.metrics.oldestDriftAge.set({ namespace: spec.namespace, driftwatch: spec.name }, age);
}

export async function writeDriftWatchStatus(
  ctx: OutputContext,
  state: { baseline?: Baseline; lastResync?: string; conditions: Condition[]; pullRequests: readonly PullRequestRef[]; summary: ReportSummary },
): Promise<void> {
  const status = {
    observedGeneration: ctx.spec.generation,
    ...(state.baseline ? { revision: state.baseline.revision } : {}),
    ...(state.lastResync ? { lastResyncTime: state.lastResync } : {}),
    conditions: state.conditions,
    summary: state.summary,
    pullRequests: state.pullRequests
      .filter((pr) => pr.number !== undefined && pr.action !== 'closed')
      .map(({ number, url, branch, action }) => ({ number, url, branch, ...(HELD_BACK[action] ? { blocked: HELD_BACK[action] } : {}) })),
  };
  await ctx.deps.cluster.writeStatus(ctx.deps.driftWatchResource, ctx.spec.namespace, ctx.spec.name, status);
}
