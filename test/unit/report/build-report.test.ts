import { describe, expect, it } from '@jest/globals';
import type { Comparison } from '../../../src/model/drift.js';
import type { KubeObject } from '../../../src/model/kube-object.js';
import type { Baseline, Manifest } from '../../../src/model/manifest.js';
import { objectKey } from '../../../src/model/object-ref.js';
import { buildReport } from '../../../src/report/build-report.js';
import { exitCodeFor } from '../../../src/report/exit-code.js';

function manifest(kind: string, name: string, path: string): Manifest {
  const object: KubeObject = { apiVersion: 'v1', kind, metadata: { name, namespace: 'shop' }, data: { a: '1' } };
  return { ref: { apiVersion: 'v1', kind, namespace: 'shop', name }, object, source: { path, document: 0 } };
}

const inSync = manifest('ConfigMap', 'same', 'same.yaml');
const drifted = manifest('ConfigMap', 'edited', 'edited.yaml');
const missing = manifest('ConfigMap', 'gone', 'gone.yaml');
const unknown = manifest('Frobnicator', 'odd', 'odd.yaml');
const baseline: Baseline = { repo: 'file:///infra.git', revision: 'abc123', paths: ['.'], manifests: [inSync, drifted, missing, unknown], problems: [], inventory: { manifestFiles: 4, otherFiles: 0, excludedPaths: 0 } };

const live = new Map<string, KubeObject>([
  [objectKey(inSync.ref), inSync.object],
  [objectKey(drifted.ref), { ...drifted.object, data: { a: '2' } }],
]);
const errors = new Map([[objectKey(unknown.ref), 'v1 Frobnicator is not served by the cluster']]);

const compare = (liveObject: KubeObject, gitObject: KubeObject): Comparison => {
  const a = (gitObject.data as { a: string }).a;
  const b = (liveObject.data as { a: string }).a;
  return {
    changes: a === b ? [] : [{ op: 'replace', path: '/data/a', baseline: a, live: b }],
    suppressed: [{ path: '/metadata/uid', reason: 'server-bookkeeping' }],
    actors: a === b ? [] : [{ manager: 'kubectl-edit', operation: 'Update' }],
  };
};

describe('buildReport', () => {
  it('gives every baseline object exactly one result with the right status', () => {
    const report = buildReport({ baseline, live, errors, compare });
    expect(report.results.map((r) => [r.object.name, r.status])).toEqual([
      ['same', 'InSync'],
      ['edited', 'Drifted'],
      ['gone', 'Missing'],
      ['odd', 'Error'],
    ]);
    expect(report.summary).toEqual({ objects: 4, inSync: 1, drifted: 1, missing: 1, compliant: 0, violating: 0, errors: 1 });
    expect(report.source).toEqual({ repo: 'file:///infra.git', revision: 'abc123', paths: ['.'] });
  });

  it('leaves verdicts null without policies and records changes, actors and errors', () => {
    const report = buildReport({ baseline, live, errors, compare });
    const edited = report.results[1]!;
    expect(edited.verdict).toBeNull();
    expect(edited.changes).toEqual([{ op: 'replace', path: '/data/a', baseline: '1', live: '2' }]);
    expect(edited.actors).toEqual([{ manager: 'kubectl-edit', operation: 'Update' }]);
    expect(report.results[3]!.error).toBe('v1 Frobnicator is not served by the cluster');
    expect(report.results[0]!.suppressed).toBeUndefined();
  });

  it('classifies only drifted objects and counts verdicts', () => {
    const seen: string[] = [];
    const report = buildReport({
      baseline,
      live,
      errors,
      compare,
      classify: ({ object }) => {
        seen.push(object.metadata.name);
        return { verdict: 'violating', violations: [{ policy: 'p', rule: 'r', message: 'no', severity: 'high' }] };
      },
    });
    expect(seen).toEqual(['edited']);
    expect(report.results[1]!.verdict).toBe('violating');
    expect(report.results[0]!.verdict).toBeNull();
    expect(report.summary.violating).toBe(1);
    expect(report.summary.compliant).toBe(0);
  });

  it('lists suppressed differences only when asked to explain', () => {
    const report = buildReport({ baseline, live, errors, compare, explain: true });
    expect(report.results[0]!.suppressed).toEqual([{ path: '/metadata/uid', reason: 'server-bookkeeping' }]);
  });
});

describe('exitCodeFor', () => {
  const clean = buildReport({ baseline: { ...baseline, manifests: [inSync] }, live, errors: new Map(), compare });
  const withDrift = buildReport({ baseline: { ...baseline, manifests: [inSync, drifted] }, live, errors: new Map(), compare });
  const withMissing = buildReport({ baseline: { ...baseline, manifests: [missing] }, live, errors: new Map(), compare });
  const withError = buildReport({ baseline, live, errors, compare });

  const brokenFile = buildReport({
    baseline: { ...baseline, manifests: [inSync], problems: [{ severity: 'error', path: 'bad.yaml', reason: 'oops', message: 'bad.yaml: oops' }] },
    live,
    errors: new Map(),
    compare,
  });
  const empty = buildReport({ baseline: { ...baseline, manifests: [] }, live, errors: new Map(), compare });

  it.each([
    ['no drift', clean, 'drift', 0],
    ['drift counted', withDrift, 'drift', 1],
    ['missing is drift', withMissing, 'drift', 1],
    ['drift not counted by never', withDrift, 'never', 0],
    ['compliant drift not counted by violating', withDrift, 'violating', 0],
    ['an object that could not be compared', withError, 'never', 2],
    ['a broken baseline file', brokenFile, 'never', 2],
    ['nothing compared', empty, 'never', 2],
  ] as const)('%s', (_name, report, failOn, expected) => {
    expect(exitCodeFor(report, failOn)).toBe(expected);
  });

  it('counts violating drift for --fail-on violating', () => {
    const violating = buildReport({
      baseline: { ...baseline, manifests: [drifted] },
      live,
      errors: new Map(),
      compare,
      classify: () => ({ verdict: 'violating', violations: [] }),
    });
    expect(exitCodeFor(violating, 'violating')).toBe(1);
  });
});
