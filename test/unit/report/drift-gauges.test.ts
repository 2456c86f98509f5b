import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../../src/model/drift.js';
import type { DriftResult, ResultStatus } from '../../../src/model/report.js';
import type { VerdictValue } from '../../../src/model/verdict.js';
import { countDriftedByVerdict, earliestDriftWrite } from '../../../src/report/drift-gauges.js';

function result(name: string, status: ResultStatus, verdict: VerdictValue | null, actors: Actor[] = []): DriftResult {
  return {
    object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name },
    status,
    source: { path: `${name}.yaml`, document: 0 },
    changes: [],
    verdict,
    violations: [],
    actors,
  };
}

const edit = (time?: string): Actor => ({ manager: 'kubectl-edit', operation: 'Update', ...(time ? { time } : {}) });

describe('countDriftedByVerdict', () => {
  it('counts drifted objects only, by verdict, with unjudged drift as none and every verdict present', () => {
    const results = [
      result('a', 'Drifted', 'compliant'),
      result('b', 'Drifted', 'violating'),
      result('c', 'Drifted', 'violating'),
      result('d', 'Drifted', null),
      result('e', 'Missing', null),
      result('f', 'InSync', null),
      result('g', 'Error', null),
    ];
    expect(countDriftedByVerdict(results)).toEqual({ compliant: 1, violating: 2, none: 1 });
    expect(countDriftedByVerdict([])).toEqual({ compliant: 0, violating: 0, none: 0 });
  });
});

describe('earliestDriftWrite', () => {
  it('is the earliest recorded write among drifted objects', () => {
    const results = [
      result('a', 'Drifted', 'compliant', [edit('2026-11-20T09:00:00Z'), edit('2026-11-19T08:00:00Z')]),
      result('b', 'Drifted', null, [edit('2026-11-21T10:00:00Z')]),
    ];
    expect(earliestDriftWrite(results)).toBe(Date.parse('2026-11-19T08:00:00Z'));
  });

  it('ignores objects that are not drifted and writes without a time', () => {
    const results = [
      result('a', 'InSync', null, [edit('2020-01-01T00:00:00Z')]),
      result('b', 'Drifted', 'violating', [edit(), edit('not a time')]),
      result('c', 'Drifted', 'violating', [edit('2026-11-21T10:00:00Z')]),
    ];
    expect(earliestDriftWrite(results)).toBe(Date.parse('2026-11-21T10:00:00Z'));
  });

  it('is undefined when no drifted object records a write', () => {
    expect(earliestDriftWrite([result('a', 'Drifted', null, [edit()]), result('b', 'Missing', null)])).toBeUndefined();
  });
});
