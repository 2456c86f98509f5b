import { describe, expect, it } from '@jest/globals';

describe('driftEvent', () => {
  it('names the event by object and drift fingerprint and carries the live uid', async () => {
    const { driftEvent } = await import('../../../src/controller/drift-events.js');
    const result = {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      status: 'Drifted' as const,
      source: { path: 'web.yaml', document: 0 },
      changes: [{ op: 'replace' as const, path: '/spec/replicas', baseline: 3, live: 5 }],
      verdict: 'compliant' as const,
      violations: [],
      actors: [{ manager: 'kubectl-scale', operation: 'Update' }],
    };
    const event = driftEvent(result, { namespace: 'ops', name: 'shop' }, 'uid-1');
    expect(event.name).toMatch(/^web\.drift-[0-9a-f]{16}$/);
    expect(event.regarding.uid).toBe('uid-1');
    expect(driftEvent(result, { namespace: 'ops', name: 'shop' }).name).toBe(event.name);
    const other = driftEvent({ ...result, changes: [{ op: 'replace', path: '/spec/replicas', baseline: 3, live: 6 }] }, { namespace: 'ops', name: 'shop' });
    expect(other.name).not.toBe(event.name);
    expect(event.message).toBe('Drift from Git by kubectl-scale: /spec/replicas. DriftWatch ops/shop codifies it in a pull request.');
  });
});

describe('buildPolicyReports', () => {
  it('writes one report per namespace, empty where the drift is gone, with a valid label', async () => {
    const { buildPolicyReports, labelValue } = await import('../../../src/controller/policy-reports.js');
    const violating = {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' },
      status: 'Drifted' as const,
      source: { path: 'api.yaml', document: 0 },
      changes: [{ op: 'replace' as const, path: '/spec/template/spec/containers/0/image', baseline: 'a:1', live: 'a:latest' }],
      verdict: 'violating' as const,
      violations: [{ policy: 'hardening', rule: 'unpinned-images', message: 'pin images', severity: 'medium' as const }],
      actors: [],
    };
    const reports = buildPolicyReports([violating], { namespace: 'ops', name: 'shop' }, ['shop', 'web'], '2026-11-27T10:00:00Z') as unknown as Array<{
      metadata: { namespace: string; labels: Record<string, string> };
      summary: { fail: number };
      results: Array<{ policy: string; rule: string; result: string; resources: Array<{ name: string }> }>;
    }>;
    expect(reports.map((r) => [r.metadata.namespace, r.summary.fail])).toEqual([
      ['shop', 1],
      ['web', 0],
    ]);
    expect(reports[0]!.results[0]).toMatchObject({ policy: 'hardening', rule: 'unpinned-images', result: 'fail', resources: [{ name: 'api' }] });
    expect(JSON.stringify(reports)).not.toContain('a:latest');
    expect(labelValue(`${'a'.repeat(62)}.b`)).toBe('a'.repeat(62));
    expect(labelValue('ops.shop')).toBe('ops.shop');
  });

  it('writes cluster-scoped violations to a ClusterPolicyReport, and clears it once they are gone', async () => {
    const { buildPolicyReports } = await import('../../../src/controller/policy-reports.js');
    const role = {
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'ops-admin' },
      status: 'Drifted' as const,
      source: { path: 'rbac.yaml', document: 0 },
      changes: [{ op: 'add' as const, path: '/rules/1', live: { verbs: ['*'] } }],
      verdict: 'violating' as const,
      violations: [{ policy: 'hardening', rule: 'no-wildcard-verbs', message: 'no wildcards', severity: 'high' as const }],
      actors: [],
    };
    type Report = { kind: string; metadata: { name: string; namespace?: string }; summary: { fail: number }; results: Array<{ resources: Array<Record<string, string>> }> };
    const [cluster] = buildPolicyReports([role], { namespace: 'ops', name: 'shop' }, [], '2026-11-27T10:00:00Z', true) as unknown as Report[];
    expect(cluster).toMatchObject({ kind: 'ClusterPolicyReport', metadata: { name: 'driftback-ops-shop' }, summary: { fail: 1 } });
    expect(cluster!.metadata).not.toHaveProperty('namespace');
    expect(cluster!.results[0]!.resources).toEqual([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'ops-admin' }]);

    const cleared = buildPolicyReports([], { namespace: 'ops', name: 'shop' }, [], '2026-11-27T10:05:00Z', true) as unknown as Report[];
    expect(cleared.map((r) => [r.kind, r.summary.fail])).toEqual([['ClusterPolicyReport', 0]]);
    expect(buildPolicyReports([], { namespace: 'ops', name: 'shop' }, ['shop'], '2026-11-27T10:05:00Z')).toHaveLength(1);
  });
});
