import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, Manifest } from '../model/manifest.js';
import type { DriftResult, ReportSummary } from '../model/report.js';
import { GAUGE_VERDICTS } from '../report/drift-gauges.js';
import { waitingForGit } from './baseline-outcome.js';
import { loadWithEarlyWatches, waitForSync } from './baseline-watches.js';
import { conditionsFor, conditionTime, type Condition, type ReconcileOutcome, type Requeue } from './conditions.js';
import { DriftLedger } from './drift-ledger.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import { classifyReconcileFailure } from './classify-reconcile-failure.js';
import { announceDrift, syncPullRequests, updateDriftMetrics, writeDriftWatchStatus, writePolicyReports, type OutputContext } from './drift-watch-outputs.js';
import { ObjectJudge } from './object-judge.js';
import { OutputPasses } from './output-passes.js';
import type { PullRequestRef, RuntimeDeps } from './runtime-deps.js';
import { scopeBaseline } from './scope-baseline.js';
import { readWatchSecrets, type WatchSecrets } from './watch-secrets.js';

/**
 * One DriftWatch at work: its baseline, its ledger of results, its conditions and pull requests.
 * Live events update single results at once; outputs (status, events, policy reports, pull
 * requests) are written after a short debounce, and in full on every resync.
 */
export class DriftWatchRuntime {
  private baseline: Baseline | undefined;
  private readonly ledger: DriftLedger;
  private conditions: Condition[] = [];
  /** The conditions the last full reconcile decided; a pull-request failure overrides them until the next success. */
  private reconcileConditions: Condition[] = [];
  private pullRequests: PullRequestRef[] = [];
  private lastResync: string | undefined;
  private tokens: WatchSecrets = {};
  private gitSecrets: KubeObject[] = [];
  private reconciling: Promise<void> | undefined;
  /** True while a reconcile waits for its watches to sync: it judges every object right after. */
  private awaitingSync = false;
  private disposed = false;

  /**
   * The spec the current (or last) reconcile works on. A watch event never replaces it midway:
   * it sets `desired`, which the next reconcile takes, so a status never reports the new
   * observedGeneration for a baseline loaded under the old one.
   */
  private current: DriftWatchSpec;
  private desired: DriftWatchSpec;
  private readonly judge: ObjectJudge;
  private readonly outputs: OutputPasses;

  constructor(
    spec: DriftWatchSpec,
    private readonly deps: RuntimeDeps,
  ) {
    this.current = spec;
    this.desired = spec;
    this.ledger = new DriftLedger(deps.clock);
    this.judge = new ObjectJudge(deps, () => this.current);
    this.outputs = new OutputPasses({ clock: deps.clock, debounceMs: deps.debounceMs, write: () => this.writeEveryOutput(), paused: () => this.spec.suspend });
  }

  get spec(): DriftWatchSpec {
    return this.current;
  }

  /** The newest spec seen, to be taken by the next reconcile. */
  get desiredSpec(): DriftWatchSpec {
    return this.desired;
  }

  updateSpec(spec: DriftWatchSpec): void {
    this.desired = spec;
  }

  get key(): string {
    return `${this.spec.namespace}/${this.spec.name}`;
  }

  ownsObject(key: string): boolean {
    return this.judge.owns(key);
  }

  result(key: string): DriftResult | undefined {
    return this.ledger.results.get(key);
  }

  /** A full reconcile: baseline, informers, every object compared, every output written. */
  reconcile(): Promise<Requeue> {
    const run = this.reconcileOnce();
    this.reconciling = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async reconcileOnce(): Promise<Requeue> {
    this.current = this.desired;
    const started = this.deps.clock.now();
    let outcome: ReconcileOutcome;
    if (this.spec.suspend) {
      // Suspended: let go of the watches and pending writes; only the status says so.
      this.outputs.cancel();
      await this.deps.cache.hold(this.key, []);
      outcome = { kind: 'failure', disposition: 'stall', reason: 'Suspended', message: 'spec.suspend is true: nothing is compared or written' };
    } else {
      try {
        outcome = await this.compareEverything();
      } catch (error) {
        const failure = classifyReconcileFailure(error);
        this.deps.metrics.errors.inc({ stage: failure.stage, disposition: failure.disposition });
        this.deps.log.warn({ driftwatch: this.key, reason: failure.reason }, failure.message);
        outcome = { kind: 'failure', disposition: failure.disposition, reason: failure.reason, message: failure.message };
      }
    }
    if (this.disposed) return { kind: 'none' };
    const { conditions, requeue } = conditionsFor(outcome, this.conditions, this.spec.generation, this.spec.intervalMs, this.timestamp());
    this.conditions = conditions;
    this.reconcileConditions = conditions;
    if (this.baseline && !this.spec.suspend) await this.outputs.write();
    else await this.writeStatus().catch((error: unknown) => this.deps.log.warn({ driftwatch: this.key, err: error }, 'could not write the DriftWatch status'));
    const seconds = (this.deps.clock.now() - started) / 1000;
    this.deps.metrics.reconcileDuration.observe({ namespace: this.spec.namespace, driftwatch: this.spec.name, result: outcome.kind }, seconds);
    return requeue;
  }

  /** A live object changed: recompute its result now, write outputs after the debounce. */
  compareObject(key: string, observedAt: number): void {
    if (this.disposed || this.spec.suspend || !this.baseline) return;
    // An initial list delivers every object at once; the reconcile waiting for it reads the facts
    // and judges every object once it has synced, so doing it here too would only double the work.
    if (this.awaitingSync) return;
    // An HPA may be in Git and a fact at once: what it scales is followed either way.
    this.followFact(key);
    const manifest = this.judge.manifests.get(key);
    if (!manifest) return;
    const result = this.judge.resultFor(manifest);
    this.ledger.record(key, result);
    this.deps.onVerdict?.(key, result, this.deps.clock.now() - observedAt);
    this.deps.metrics.eventToVerdict.observe((this.deps.clock.now() - observedAt) / 1000);
    this.outputs.schedule();
  }

  /** A CRD whose schema changed, or an HPA: the objects it concerns are compared again. */
  private followFact(key: string): void {
    const affected = this.judge.followFact(key);
    for (const k of affected) this.ledger.record(k, this.judge.resultFor(this.judge.manifests.get(k) as Manifest));
    if (affected.length > 0) this.outputs.schedule();
  }

  /** Stops for good: no write after it resolves, and the shared watches are released. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.outputs.stop();
    await this.reconciling;
    await this.outputs.lastPass;
    await this.deps.cache.hold(this.key, []);
    for (const verdict of GAUGE_VERDICTS) {
      this.deps.metrics.driftedObjects.remove({ namespace: this.spec.namespace, driftwatch: this.spec.name, verdict });
    }
    this.deps.metrics.oldestDriftAge.remove({ namespace: this.spec.namespace, driftwatch: this.spec.name });
  }

  private async compareEverything(): Promise<ReconcileOutcome> {
    this.tokens = await readWatchSecrets(this.deps.cluster, this.spec);
    this.judge.configure(this.deps.resolvePolicies(this.spec.policies));
    const catalog = await this.deps.cluster.discover();
    const loaded = await loadWithEarlyWatches(this.deps, { owner: this.key, spec: this.spec, catalog, gitToken: this.tokens.git, stopped: () => this.disposed });
    const scoped = scopeBaseline(loaded, catalog, this.spec, this.deps.cluster.server);
    this.gitSecrets = scoped.gitSecrets;
    this.judge.scope(scoped);
    this.baseline = scoped.baseline;
    if (this.disposed) return { kind: 'failure', disposition: 'wait', reason: 'Deleted', message: 'the DriftWatch was deleted' };
    await this.deps.cache.hold(this.key, [...scoped.required, ...scoped.optional]);
    this.awaitingSync = true;
    try {
      const refused = await waitForSync(this.deps, scoped.required, scoped.optional);
      for (const [info, failure] of refused) {
        const unknown = info === scoped.facts.crds ? 'the schema defaults of custom resources are not known' : 'replicas an HPA outside Git sets read as drift';
        this.deps.log.warn({ driftwatch: this.key }, `${failure.message}: ${unknown}`);
      }
    } catch (error) {
      // No full judgement follows: what the lists delivered so far is judged, as its events would have been.
      for (const [key, manifest] of this.judge.manifests) if (this.deps.cache.get(key)) this.ledger.record(key, this.judge.resultFor(manifest));
      throw error;
    } finally {
      this.awaitingSync = false;
    }

    this.judge.refreshFacts();
    this.ledger.results.clear();
    for (const [key, manifest] of this.judge.manifests) this.ledger.record(key, this.judge.resultFor(manifest));
    this.lastResync = this.timestamp();

    return waitingForGit(loaded, scoped.baseline, this.judge.manifests.size) ?? { kind: 'success', revision: scoped.baseline.revision, summary: this.summary() };
  }

  /**
   * Status, events, policy reports and pull requests. Each step stands on its own: a PolicyReport
   * the API server refuses must not hold back the pull request. False when a step failed.
   */
  private async writeEveryOutput(): Promise<boolean> {
    const failed: string[] = [];
    const attempt = async (what: string, step: () => Promise<boolean | void>) => {
      try {
        if ((await step()) === false) failed.push(what);
      } catch (error) {
        failed.push(what);
        this.deps.log.warn({ driftwatch: this.key, err: error }, `could not ${what}`);
      }
    };
    const outputs = this.outputContext();
    await attempt('record drift events', () => announceDrift(outputs, this.ledger.announced));
    if (this.judge.policies) await attempt('write policy reports', () => writePolicyReports(outputs));
    await attempt('update pull requests', () => this.syncPullRequests(outputs));
    updateDriftMetrics(outputs, this.ledger.driftSince);
    await attempt('write the DriftWatch status', () => this.writeStatus());
    return failed.length === 0;
  }

  get writingOutputs(): boolean {
    return this.outputs.writing;
  }

  /** Resolves once no output pass is running; a pass waiting on its debounce timer is not waited for. */
  outputsSettled(): Promise<void> {
    return this.outputs.settled();
  }

  private outputContext(): OutputContext {
    return {
      spec: this.spec,
      key: this.key,
      deps: this.deps,
      results: this.ledger.results,
      manifests: this.judge.manifests,
      now: this.timestamp(),
    };
  }

  /** False when a transient failure means the pass should be repeated soon. */
  private async syncPullRequests(outputs: OutputContext): Promise<boolean> {
    // With nothing compared, the pull requests of drift it could not look at are left alone.
    if (!this.baseline || this.judge.manifests.size === 0) return true;
    // A baseline with unreadable files or roots is partial: its missing objects would look resolved.
    if (this.baseline.problems.some((problem) => problem.severity === 'error')) return true;
    const synced = await syncPullRequests(outputs, { baseline: this.baseline, gitSecrets: this.gitSecrets, tokens: this.tokens }, this.reconcileConditions, this.conditions);
    if (synced.pullRequests) this.pullRequests = synced.pullRequests;
    this.conditions = synced.conditions;
    return synced.done;
  }

  private summary(): ReportSummary {
    return this.ledger.summary(this.baseline?.problems ?? []);
  }

  private async writeStatus(): Promise<void> {
    const extra = { baseline: this.baseline, lastResync: this.lastResync, conditions: this.conditions, pullRequests: this.pullRequests, summary: this.summary() };
    await writeDriftWatchStatus(this.outputContext(), extra);
  }

  private timestamp(): string {
    return conditionTime(this.deps.clock.now());
  }
}
