import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { exportedSeriesNames, promtool, seriesNamesIn } from '../../support/monitoring.js';

const root = join(import.meta.dirname, '../../..');

interface Panel {
  title: string;
  description: string;
  type: string;
  datasource: { uid: string };
  targets: Array<{ expr: string; datasource: { uid: string } }>;
}

const dashboard = JSON.parse(readFileSync(join(root, 'monitoring/grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; query: unknown }> };
};
const queries = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })));

/** What Grafana substitutes before a query reaches Prometheus. */
const asPromQL = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$namespace', '.*').replaceAll('$driftwatch', '.*');

describe('Grafana dashboard (monitoring/grafana-dashboard.json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftback-dashboard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the questions of the issue: drift by verdict and namespace, drift age, pull requests, watches, reconcile latency, rate limit', () => {
    expect(dashboard.panels.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Drifted objects by verdict', 'Drifted objects by namespace', 'Drift age', 'Pull-request operations', 'Watch restarts', 'Reconcile latency', 'GitHub rate limit remaining']),
    );
  });

  it('queries only metrics the operator exports, through the chosen data source and filters', async () => {
    const exported = await exportedSeriesNames();
    const namespaced = new Set(['driftback_drifted_objects', 'driftback_drift_age_seconds', 'driftback_pull_request_operations_total', 'driftback_reconcile_duration_seconds_bucket']);
    for (const { panel, expr } of queries) {
      const names = seriesNamesIn(expr);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect([panel, exported.has(name) ? name : `unknown ${name}`]).toEqual([panel, name]);
      if (names.some((name) => namespaced.has(name))) expect([panel, expr]).toEqual([panel, expect.stringContaining('namespace=~"$namespace", driftwatch=~"$driftwatch"')]);
    }
    for (const panel of dashboard.panels) {
      expect([panel.title, panel.datasource.uid, ...panel.targets.map((t) => t.datasource.uid)]).toEqual([panel.title, ...Array(panel.targets.length + 1).fill('${datasource}')]);
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'namespace', 'driftwatch']);
  });

  it('has queries that are valid PromQL (promtool check rules over each as a recording rule)', () => {
    const rules = { groups: [{ name: 'dashboard', rules: queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: asPromQL(q.expr) })) }] };
    writeFileSync(join(dir, 'queries.yaml'), stringify(rules));
    const run = promtool(['check', 'rules', 'queries.yaml'], dir);
    expect(run.output).toContain(`SUCCESS: ${queries.length} rules found`);
    expect(run.code).toBe(0);
  });

  it('has every panel say what it answers, and README describes each panel', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const panel of dashboard.panels) {
      expect([panel.title, panel.description.endsWith('?') || panel.description.includes('? ')]).toEqual([panel.title, true]);
      expect([panel.title, readme.includes(`| ${panel.title} |`)]).toEqual([panel.title, true]);
    }
  });
});
