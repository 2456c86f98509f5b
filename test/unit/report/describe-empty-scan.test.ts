import { describe, expect, it } from '@jest/globals';
import type { BaselineProblem } from '../../../src/model/manifest.js';
import { describeEmptyScan } from '../../../src/report/describe-empty-scan.js';

const skipped = (path: string, reason: string, document?: number): BaselineProblem => ({
  severity: 'skipped',
  path,
  ...(document !== undefined ? { document } : {}),
  reason,
  message: `${path}: skipped: ${reason}`,
});

describe('describeEmptyScan', () => {
  it('names the whole repository and says when it holds no files at all', () => {
    expect(describeEmptyScan({ paths: ['.'], inventory: { manifestFiles: 0, otherFiles: 0, excludedPaths: 0 }, problems: [], excludedObjects: 0 })).toBe(
      'nothing was compared in the repository: no files there',
    );
  });

  it('says when manifest files hold no documents', () => {
    expect(describeEmptyScan({ paths: ['a', 'b'], inventory: { manifestFiles: 2, otherFiles: 1, excludedPaths: 0 }, problems: [], excludedObjects: 0 })).toBe(
      'nothing was compared in a, b: 2 manifest files there, with no documents',
    );
  });

  it('groups places by reason and keeps the line short', () => {
    const problems = [
      ...['1', '2', '3', '4'].map((n) => skipped(`p${n}.yaml`, 'not a Kubernetes object', 0)),
      skipped('r1', 'one'),
      skipped('r2', 'two'),
      skipped('r3', 'three'),
      { ...skipped('w.yaml', 'a notice'), severity: 'warning' as const },
    ];
    expect(describeEmptyScan({ paths: ['x'], inventory: { manifestFiles: 7, otherFiles: 0, excludedPaths: 0 }, problems, excludedObjects: 0 })).toBe(
      'nothing was compared in x: 7 manifest files there, none of it compared: ' +
        'p1.yaml#0, p2.yaml#0, p3.yaml#0 and 1 more (skipped: not a Kubernetes object); r1 (skipped: one); r2 (skipped: two); 1 more reason',
    );
  });

  it('counts what --exclude and --exclude-kind left out', () => {
    expect(describeEmptyScan({ paths: ['.'], inventory: { manifestFiles: 0, otherFiles: 0, excludedPaths: 2 }, problems: [], excludedObjects: 0 })).toBe(
      'nothing was compared in the repository: 2 paths excluded by --exclude',
    );
    expect(describeEmptyScan({ paths: ['apps'], inventory: { manifestFiles: 1, otherFiles: 0, excludedPaths: 1 }, problems: [], excludedObjects: 3 })).toBe(
      'nothing was compared in apps: 1 manifest file there; 1 path excluded by --exclude; 3 objects excluded by --exclude-kind',
    );
  });
});
