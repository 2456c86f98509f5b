import type { ResourceCatalog, ResourceInfo } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Clock } from './clock.js';
import { conditionsFor, conditionsOf, conditionTime } from './conditions.js';
import { InvalidSpecError, parseDriftWatch } from './drift-watch-spec.js';
import { DriftWatchRuntime } from './drift-watch-runtime.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { LiveCache, type LiveChange } from './live-cache.js';
import { logRejection, type Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { PolicyRegistry } from './policy-registry.js';
import type { WatchHandle } from './ports.js';
import { WorkQueue } from './work-queue.js';

const WATCH_PREFIX = 'watch:';
const OBJECT_PREFIX = 'object:';

export interface ControllerOptions {
  workers: number;
  debounceMs: number;
  syncTimeoutMs: number;
}

export type ControllerDeps = Omit<RuntimeDeps, 'cache' | 'resolvePolicies' | 'driftWatchResource' | 'debounceMs' | 'syncTimeoutMs'> & {
  clock: Clock;
  metrics: Metrics;
  log: Logger;
};

export const DEFAULT_CONTROLLER_OPTIONS: ControllerOptions = { workers: 4, debounceMs: 2_000, syncTimeoutMs: 60_000 };

/**
 * Reconciles by level: watch events only enqueue keys, and workers read the current state. One
 * queue holds both DriftWatch keys (full reconcile, requeued at the interval) and live object
 * keys (one object compared for each DriftWatch that holds it).
 */
export class DriftWatchController {
  readonly cache: LiveCache;
  private readonly queue: WorkQueue;
  private readonly runtimes = new Map<string, DriftWatchRuntime>();
  private readonly registry = new PolicyRegistry();
  private readonly observedAt = new Map<string, number>();
  private readonly handles: WatchHandle[] = [];
  private workers: Promise<void>[] = [];
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private unsubscribe: (() => void) | undefined;
  private watchesSynced = false;
  /** DriftWatches are not judged before the DriftPolicies are known: unclassified drift would be codified. */
  private policiesSynced = false;

  constructor(
    private readonly deps: ControllerDeps,
    private readonly options: ControllerOptions = DEFAULT_CONTROLLER_OPTIONS,
  ) {
    this.queue = new WorkQueue(deps.clock);
    this.cache = new LiveCache(deps.cluster, () => deps.clock.now(), (resource, reason) => deps.metrics.watchRestarts.inc({ resource, reason }));
  }

  get ready(): boolean {
    return this.watchesSynced && this.policiesSynced && this.cache.allSynced();
  }

  async start(): Promise<void> {
    const catalog = await this.deps.cluster.discover();
    const driftWatches = requireResource(catalog, 'DriftWatch');
    const driftPolicies = requireResource(catalog, 'DriftPolicy');
    this.unsubscribe = this.cache.subscribe((change) => this.onLiveChange(change));
    this.handles.push(
      this.deps.cluster.watch(driftPolicies, {
        upsert: (object) => this.onPolicyChange(() => this.registry.upsert(object)),
        remove: (object) => this.onPolicyChange(() => this.registry.remove(object)),
        synced: () => void (this.policiesSynced = true),
      }),
      this.deps.cluster.watch(driftWatches, {
        upsert: (object) => this.onDriftWatch(object, driftWatches),
        remove: (object) => this.forget(this.removeRuntime(`${object.metadata.namespace}/${object.metadata.name}`), 'stopping a deleted DriftWatch'),
        synced: () => void (this.watchesSynced = true),
      }),
    );
    this.workers = Array.from({ length: this.options.workers }, () => this.work());
  }

  /** Stops taking work, lets an in-flight pull request finish, then stops every watch. */
  async stop(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.workers);
    await Promise.all([...this.runtimes.values()].map((r) => r.dispose()));
    this.runtimes.clear();
    this.unsubscribe?.();
    await Promise.all(this.handles.map((h) => h.stop()));
    await this.cache.stop();
  }

  /**
   * Resolves once the controller has nothing left to do now: no key queued or in work, no write
   * started from a watch callback pending, no output pass running. Timers (debounce, requeue after
   * the interval, backoff) are not waited for: a test moves its clock for those.
   */
  async idle(): Promise<void> {
    for (;;) {
      // Watch events are delivered from I/O callbacks: let the ones already due arrive first.
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.queue.busy && this.pendingWrites.size === 0 && !this.outputsRunning()) return;
      await this.queue.whenIdle();
      await Promise.allSettled([...this.pendingWrites]);
      await Promise.all([...this.runtimes.values()].map((runtime) => runtime.outputsSettled()));
    }
  }

  private outputsRunning(): boolean {
    return [...this.runtimes.values()].some((runtime) => runtime.writingOutputs);
  }

  runtime(namespace: string, name: string): DriftWatchRuntime | undefined {
    return this.runtimes.get(`${namespace}/${name}`);
  }

  private onDriftWatch(object: KubeObject, resource: ResourceInfo): void {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    let spec;
    try {
      spec = parseDriftWatch(object);
    } catch (error) {
      if (!(error instanceof InvalidSpecError)) throw error;
      this.deps.log.warn({ driftwatch: key }, error.message);
      const stalled = this.removeRuntime(key).then(() =>
        this.deps.cluster.writeStatus(resource, object.metadata.namespace!, object.metadata.name, {
          observedGeneration: object.metadata.generation ?? 0,
          conditions: conditionsFor(
            { kind: 'failure', disposition: 'stall', reason: 'InvalidSpec', message: error.message },
            conditionsOf(object.status),
            object.metadata.generation ?? 0,
            0,
            conditionTime(this.deps.clock.now()),
          ).conditions,
        }),
      );
      this.forget(stalled, 'writing the InvalidSpec status');
      return;
    }
    const existing = this.runtimes.get(key);
    if (existing && existing.desiredSpec.generation === spec.generation) return;
    if (existing) existing.updateSpec(spec);
    else {
      this.runtimes.set(
        key,
        new DriftWatchRuntime(spec, {
          ...this.deps,
          debounceMs: this.options.debounceMs,
          syncTimeoutMs: this.options.syncTimeoutMs,
          cache: this.cache,
          driftWatchResource: resource,
          resolvePolicies: (names) => this.registry.resolve(names),
        }),
      );
    }
    this.queue.forget(WATCH_PREFIX + key);
    this.queue.add(WATCH_PREFIX + key);
  }

  private async removeRuntime(key: string): Promise<void> {
    const runtime = this.runtimes.get(key);
    if (!runtime) return;
    this.runtimes.delete(key);
    await runtime.dispose();
  }

  /** A write started from a watch callback: its failure is logged, never an unhandled rejection. */
  private forget(promise: Promise<unknown>, what: string): void {
    this.pendingWrites.add(promise);
    void promise.finally(() => this.pendingWrites.delete(promise)).catch(() => undefined);
    logRejection(promise, this.deps.log, what);
  }

  private onPolicyChange(apply: () => void): void {
    apply();
    for (const key of this.runtimes.keys()) this.queue.add(WATCH_PREFIX + key);
  }

  private onLiveChange(change: LiveChange): void {
    this.observedAt.set(change.key, change.at);
    this.queue.add(OBJECT_PREFIX + change.key);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        if (key.startsWith(OBJECT_PREFIX)) this.compareObject(key.slice(OBJECT_PREFIX.length));
        else await this.reconcile(key);
      } catch (error) {
        this.deps.log.error({ key, err: error }, 'reconcile failed unexpectedly');
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  private compareObject(objectKey: string): void {
    const at = this.observedAt.get(objectKey) ?? this.deps.clock.now();
    this.observedAt.delete(objectKey);
    for (const runtime of this.runtimes.values()) if (runtime.ownsObject(objectKey)) runtime.compareObject(objectKey, at);
  }

  private async reconcile(key: string): Promise<void> {
    const runtime = this.runtimes.get(key.slice(WATCH_PREFIX.length));
    if (!runtime) return;
    if (!this.policiesSynced) {
      this.queue.addAfter(key, 500);
      return;
    }
    const requeue = await runtime.reconcile();
    if (requeue.kind === 'rateLimited') {
      this.queue.addRateLimited(key);
      return;
    }
    this.queue.forget(key);
    if (requeue.kind === 'after') this.queue.addAfter(key, requeue.ms);
  }
}

function requireResource(catalog: ResourceCatalog, kind: 'DriftWatch' | 'DriftPolicy'): ResourceInfo {
  const info = catalog.lookup('driftback.dev/v1alpha1', kind);
  if (!info) throw new Error(`the cluster does not serve driftback.dev/v1alpha1 ${kind}: install the CRDs with "kubectl apply -f crds/"`);
  return info;
}
