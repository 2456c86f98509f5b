import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The gauges both the operator exports and `scan --pushgateway` pushes, so that one dashboard and
 * one set of alerts read either. For a scan, `driftwatch` is its `--scan-name`.
 */
export function createDriftGauges(registers: Registry[]) {
  return {
    driftedObjects: new Gauge({
      name: 'driftback_drifted_objects',
      help: 'Objects whose live state differs from Git, by DriftWatch and verdict.',
      labelNames: ['namespace', 'driftwatch', 'verdict'] as const,
      registers,
    }),
    oldestDriftAge: new Gauge({
      name: 'driftback_drift_age_seconds',
      help: 'Age of the oldest unresolved drift of a DriftWatch.',
      labelNames: ['namespace', 'driftwatch'] as const,
      registers,
    }),
  };
}

/** Every metric the operator exports; all are named driftback_… and live in one registry. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'driftback_' });
  const registers = [registry];
  return {
    registry,
    ...createDriftGauges(registers),
    reconcileDuration: new Histogram({
      name: 'driftback_reconcile_duration_seconds',
      help: 'Duration of a full DriftWatch reconcile (baseline, compare, status, pull requests).',
      labelNames: ['namespace', 'driftwatch', 'result'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    eventToVerdict: new Histogram({
      name: 'driftback_event_to_verdict_seconds',
      help: 'Time from a live watch event to the drift verdict of its object.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    watchRestarts: new Counter({
      name: 'driftback_watch_restarts_total',
      help: 'Watches re-opened after a drop, 410 Gone, an error or a stall, by resource and reason.',
      labelNames: ['resource', 'reason'] as const,
      registers,
    }),
    pullRequestOperations: new Counter({
      name: 'driftback_pull_request_operations_total',
      help: 'Pull request operations by action (created, updated, unchanged, closed, ...).',
      labelNames: ['namespace', 'driftwatch', 'action'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'driftback_errors_total',
      help: 'Failures by stage (baseline, cluster, policy, codify) and disposition (retry, wait, stall).',
      labelNames: ['stage', 'disposition'] as const,
      registers,
    }),
    githubRateLimitRemaining: exportedOnceSet(registry, {
      name: 'driftback_github_rate_limit_remaining',
      help: 'Requests left in the current GitHub rate-limit window, as the last response reported.',
    }),
  };
}

/**
 * A gauge without labels reads 0 until set: a standby replica, or a leader that has not called
 * GitHub yet, would report an exhausted rate limit and fire the alert on it. So the gauge joins
 * the registry with its first value.
 */
function exportedOnceSet(registry: Registry, config: { name: string; help: string }): { set(value: number): void } {
  const gauge = new Gauge({ ...config, registers: [] });
  return {
    set: (value) => {
      if (!registry.getSingleMetric(config.name)) registry.registerMetric(gauge);
      gauge.set(value);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
