import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportedSeriesNames, promtool, seriesNamesIn } from '../../support/monitoring.js';

const monitoring = join(import.meta.dirname, '../../../monitoring');

interface RuleFile {
  groups: Array<{ rules: Array<{ alert: string; expr: string; for?: string }> }>;
}

const rules = (parse(readFileSync(join(monitoring, 'prometheus-rules.yaml'), 'utf8')) as RuleFile).groups.flatMap((g) => g.rules);

describe('Prometheus alert rules (monitoring/prometheus-rules.yaml)', () => {
  it('pass promtool check rules', () => {
    const run = promtool(['check', 'rules', 'prometheus-rules.yaml'], monitoring);
    expect(run.output).toContain('SUCCESS: 5 rules found');
    expect(run.code).toBe(0);
  });

  it('pass their promtool unit tests: each alert fires when due and not before, nor on look-alike series', () => {
    const run = promtool(['test', 'rules', 'prometheus-rules.test.yaml'], monitoring);
    expect(run.output).toContain('SUCCESS');
    expect(run.code).toBe(0);
  });

  it('alert on violating drift, old drift, restarting watches, failing reconciles and a low rate limit', () => {
    expect(rules.map((r) => [r.alert, r.for ?? null])).toEqual([
      ['DriftbackViolatingDrift', '10m'],
      ['DriftbackDriftOlderThanADay', null],
      ['DriftbackWatchesRestarting', '15m'],
      ['DriftbackReconcileErrors', '15m'],
      ['DriftbackGitHubRateLimitLow', '5m'],
    ]);
  });

  it('read only metrics the operator exports', async () => {
    const exported = await exportedSeriesNames();
    for (const rule of rules) {
      expect(seriesNamesIn(rule.expr).length).toBeGreaterThan(0);
      for (const name of seriesNamesIn(rule.expr)) expect([rule.alert, exported.has(name) ? name : `unknown ${name}`]).toEqual([rule.alert, name]);
    }
  });
});
