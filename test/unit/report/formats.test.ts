import { describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { formatMarkdown } from '../../../src/report/format-markdown.js';
import { formatTable } from '../../../src/report/format-table.js';
import { collectSecretValues, scrubSecretValues } from '../../../src/report/scrub-secrets.js';

const report: DriftReport = {
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftReport',
  source: { repo: 'file:///infra.git', revision: 'abc123', paths: ['clusters/prod'] },
  summary: { objects: 2, inSync: 1, drifted: 1, missing: 0, compliant: 0, violating: 1, errors: 0 },
  results: [
    {
      object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'same' },
      status: 'InSync',
      source: { path: 'clusters/prod/cm.yaml', document: 0 },
      changes: [],
      verdict: null,
      violations: [],
      actors: [],
    },
    {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      status: 'Drifted',
      source: { path: 'clusters/prod/web.yaml', document: 1 },
      changes: [
        { op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 },
        { op: 'add', path: '/metadata/labels/release', live: 'spring|sale' },
      ],
      verdict: 'violating',
      violations: [{ policy: 'guardrails', rule: 'pinned-images', message: 'images must be pinned', severity: 'high' }],
      actors: [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-11-20T09:00:00Z' }],
    },
  ],
  problems: [],
  skipped: [],
};

describe('formatTable', () => {
  const text = formatTable(report);
  it('prints one aligned line per object under a header', () => {
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^STATUS\s+VERDICT\s+KIND\s+NAMESPACE\s+NAME\s+SOURCE$/);
    expect(lines[1]).toMatch(/^InSync\s+-\s+ConfigMap\s+shop\s+same\s+clusters\/prod\/cm\.yaml#0$/);
    expect(lines[2]).toMatch(/^Drifted\s+violating\s+Deployment\s+shop\s+web\s+clusters\/prod\/web\.yaml#1$/);
    expect(lines[1]!.indexOf('ConfigMap')).toBe(lines[2]!.indexOf('Deployment'));
  });
  it('lists each change, violation and actor of drifted objects', () => {
    expect(text).toContain('Deployment shop/web (clusters/prod/web.yaml#1)  changed by kubectl-edit at 2026-11-20T09:00:00Z');
    expect(text).toContain('  ~ /spec/replicas: 3 -> 5');
    expect(text).toContain('  + /metadata/labels/release: "spring|sale"');
    expect(text).toContain('  ! guardrails/pinned-images (high): images must be pinned');
    expect(text).toContain('2 objects: 1 in sync, 1 drifted (0 compliant, 1 violating), 0 missing, 0 errors');
  });
});

describe('formatMarkdown', () => {
  const text = formatMarkdown(report);
  it('summarizes counts and lists only objects that are not in sync', () => {
    expect(text).toContain('| 2 | 1 | 1 | 0 | 1 | 0 | 0 |');
    expect(text).toContain('| Drifted | violating | Deployment shop/web | `clusters/prod/web.yaml#1` | kubectl-edit at 2026-11-20T09:00:00Z |');
    expect(text).not.toContain('ConfigMap shop/same');
  });
  it('escapes table pipes and shows changes as a diff block', () => {
    expect(text).toContain('```diff\n~ /spec/replicas: 3 -> 5\n+ /metadata/labels/release: "spring|sale"\n```');
    expect(text).toContain('- **high** `guardrails/pinned-images`: images must be pinned');
  });
  it('says so when nothing drifted', () => {
    const clean = { ...report, results: [report.results[0]!] };
    expect(formatMarkdown(clean)).toContain('No drift.');
  });
});

describe('problems and skipped entries', () => {
  const partial: DriftReport = {
    ...report,
    results: [report.results[0]!],
    summary: { ...report.summary, objects: 1, drifted: 0, violating: 0, errors: 1 },
    problems: [{ file: 'apps/bad.yaml', document: 1, line: 9, reason: 'Flow sequence in block collection must end with a ]' }],
    skipped: [{ file: 'charts/web', reason: 'a Helm chart (Chart.yaml)' }],
  };
  it('the table lists each, with file, document, line and reason', () => {
    const text = formatTable(partial);
    expect(text).toContain('not compared, so the scan is partial:\n  ! apps/bad.yaml#1 (line 9): Flow sequence in block collection must end with a ]');
    expect(text).toContain('skipped:\n  - charts/web: a Helm chart (Chart.yaml)');
    expect(text).toContain('1 errors');
  });
  it('markdown never says "No drift." about a partial scan, and lists each', () => {
    const text = formatMarkdown(partial);
    expect(text).not.toContain('No drift.');
    expect(text).toContain('No drift in the objects compared.');
    expect(text).toContain('### Not compared: the scan is partial\n\n- apps/bad.yaml#1 (line 9): Flow sequence in block collection must end with a ]');
    expect(text).toContain('### Skipped\n\n- charts/web: a Helm chart (Chart.yaml)');
  });
  it('markdown says when nothing was compared', () => {
    const text = formatMarkdown({ ...partial, results: [], problems: [] });
    expect(text).toContain('**Nothing was compared.**');
    expect(text).not.toContain('No drift');
  });
});

describe('scrubSecretValues', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    data: { password: Buffer.from('p@ss"word-42').toString('base64') },
    stringData: { token: 'tok-123456' },
  };
  const values = collectSecretValues([secret]);
  it.each([
    ['plain', 'p@ss"word-42'],
    ['base64', Buffer.from('p@ss"word-42').toString('base64')],
    ['JSON-escaped', JSON.stringify('p@ss"word-42')],
    ['stringData plain', 'tok-123456'],
    ['stringData base64', Buffer.from('tok-123456').toString('base64')],
  ])('removes the %s form', (_form, leaked) => {
    const text = scrubSecretValues(`before ${leaked} after`, values);
    expect(text).not.toContain('p@ss"word-42');
    expect(text).not.toContain('p@ss\\"word-42');
    expect(text).not.toContain('tok-123456');
    expect(text).not.toContain(Buffer.from('p@ss"word-42').toString('base64'));
    expect(text).toContain('<redacted>');
  });
  it('ignores objects that are not Secrets', () => {
    expect(collectSecretValues([{ ...secret, kind: 'ConfigMap' }])).toEqual([]);
  });
});

describe('redactSecretChanges', () => {
  it('marks a change whose value holds a Secret value redacted, so it is neither codified nor shown', async () => {
    const { redactSecretChanges } = await import('../../../src/report/scrub-secrets.js');
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'correct-horse-battery' } };
    const values = collectSecretValues([secret]);
    const pasted = {
      ...report,
      results: [
        {
          ...report.results[1]!,
          changes: [
            { op: 'add' as const, path: '/data/DSN', live: 'postgres://app:correct-horse-battery@db/shop' },
            { op: 'replace' as const, path: '/spec/replicas', baseline: 3, live: 5 },
          ],
        },
      ],
    };
    const redacted = redactSecretChanges(pasted, values);
    expect(redacted.results[0]!.changes).toEqual([
      { op: 'add', path: '/data/DSN', live: '<redacted>', redacted: true },
      { op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 },
    ]);
    expect(JSON.stringify(redacted)).not.toContain('correct-horse-battery');
    expect(redactSecretChanges(pasted, [])).toBe(pasted);
  });
});
