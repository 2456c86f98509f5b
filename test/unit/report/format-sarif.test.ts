import { describe, expect, it } from '@jest/globals';
import type { DriftReport, DriftResult } from '../../../src/model/index.js';
import { formatSarif } from '../../../src/report/format-sarif.js';

const result = (name: string, extra: Partial<DriftResult>): DriftResult => ({
  object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name },
  status: 'Drifted',
  source: { path: `clusters/prod/${name}.yaml`, document: 0 },
  changes: [],
  verdict: 'compliant',
  violations: [],
  actors: [],
  ...extra,
});

const report: DriftReport = {
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftReport',
  source: { repo: 'file:///infra.git', revision: 'abc123', paths: [] },
  summary: { objects: 4, inSync: 1, drifted: 3, missing: 0, compliant: 1, violating: 2, errors: 0 },
  results: [
    result('same', { status: 'InSync', verdict: null }),
    result('scaled', { changes: [{ op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 }] }),
    result('web', {
      source: { path: 'clusters/prod/apps.yaml', document: 2, line: 41 },
      changes: [{ op: 'replace', path: '/data/password', baseline: '<redacted>', live: '<redacted>', redacted: true }],
      verdict: 'violating',
      violations: [
        {
          policy: 'hardening',
          rule: 'privileged-containers',
          message: 'a container runs privileged',
          severity: 'critical',
          reference: 'PSS Baseline: Privileged Containers',
        },
        { policy: 'guardrails', rule: 'replicas', message: 'evaluation failed: no such key: spec', severity: 'low' },
      ],
    }),
    result('api', {
      verdict: 'violating',
      violations: [
        { policy: 'hardening', rule: 'privileged-containers', message: 'a container runs privileged', severity: 'critical' },
        { policy: 'guardrails', rule: 'replicas', message: 'replicas must stay within 2..10', severity: 'low' },
      ],
    }),
  ],
  problems: [],
  skipped: [],
};

describe('formatSarif', () => {
  const text = formatSarif(report);
  const sarif = JSON.parse(text);
  const [run] = sarif.runs;

  it('is SARIF 2.1.0 from driftback', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('driftback');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('describes each rule once, with severity, level and the reference as help', () => {
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'hardening/privileged-containers',
        name: 'privileged-containers',
        shortDescription: { text: 'a container runs privileged' },
        help: {
          text: 'Drift from Git breaks DriftPolicy rule hardening/privileged-containers: a container runs privileged. Reference: PSS Baseline: Privileged Containers.',
          markdown:
            '**a container runs privileged**\n\nDrift from Git breaks DriftPolicy rule `hardening/privileged-containers`.\n\nReference: PSS Baseline: Privileged Containers.',
        },
        defaultConfiguration: { level: 'error' },
        properties: { 'security-severity': '9.5', tags: ['security', 'drift'] },
      },
      expect.objectContaining({
        id: 'guardrails/replicas',
        shortDescription: { text: 'replicas must stay within 2..10' },
        defaultConfiguration: { level: 'warning' },
        properties: { 'security-severity': '3.0', tags: ['security', 'drift'] },
      }),
    ]);
  });

  it('has one result per violation, located at the manifest in Git', () => {
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toEqual({
      ruleId: 'hardening/privileged-containers',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Deployment shop/web: a container runs privileged' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'clusters/prod/apps.yaml' }, region: { startLine: 41 } },
          logicalLocations: [{ fullyQualifiedName: 'Deployment shop/web', kind: 'object' }],
        },
      ],
      partialFingerprints: { 'driftback/object-rule': 'apps/Deployment/shop/web#hardening/privileged-containers' },
    });
    expect(run.results.map((r: { ruleIndex: number; locations: Array<{ physicalLocation: unknown }> }) => [r.ruleIndex, r.locations[0]?.physicalLocation])).toEqual([
      [0, { artifactLocation: { uri: 'clusters/prod/apps.yaml' }, region: { startLine: 41 } }],
      [1, { artifactLocation: { uri: 'clusters/prod/apps.yaml' }, region: { startLine: 41 } }],
      [0, { artifactLocation: { uri: 'clusters/prod/api.yaml' }, region: { startLine: 1 } }],
      [1, { artifactLocation: { uri: 'clusters/prod/api.yaml' }, region: { startLine: 1 } }],
    ]);
    expect(run.results[1].message.text).toBe('Deployment shop/web: evaluation failed: no such key: spec');
  });

  it('carries no change values', () => {
    expect(text).not.toContain('redacted');
    expect(text).not.toContain('/spec/replicas');
  });

  it('is valid with no violations', () => {
    const empty = JSON.parse(formatSarif({ ...report, results: [] }));
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toEqual([]);
  });
});
