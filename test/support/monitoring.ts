/**
 * What the monitoring tests check the Grafana dashboard and the Prometheus rules against: the
 * metric names the operator really exports, and promtool (Debian's prometheus package).
 */
import { spawnSync } from 'node:child_process';
import { createMetrics } from '../../src/controller/metrics.js';

/** Every series name a query may use: each metric, and a histogram's _bucket, _sum and _count. */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const metrics = createMetrics();
  metrics.githubRateLimitRemaining.set(1);
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (metric.type.toString() === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

/** The driftback_* names a PromQL expression reads. */
export function seriesNamesIn(expr: string): string[] {
  return expr.match(/\bdriftback_[a-z0-9_]+/g) ?? [];
}

export interface PromtoolRun {
  code: number;
  output: string;
}

export function promtool(args: string[], cwd: string): PromtoolRun {
  const run = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (run.error) {
    throw new Error(`promtool is needed for the monitoring tests (Debian/Ubuntu: apt-get install prometheus): ${run.error.message}`);
  }
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}
