import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import { parseQuantity, quantitiesEqual } from '../../../src/model/quantity.js';
import type { KubeObject } from '../../../src/model/index.js';

const equalSpellings: [unknown, unknown][] = [
  ['0.5', '500m'],
  ['1', '1000m'],
  [1, '1000m'],
  [0.1, '100m'],
  ['.5', '500m'],
  ['0.5Gi', '512Mi'],
  ['1Gi', '1073741824'],
  ['2Ki', '2048'],
  ['1e3', '1k'],
  ['1E3', '1k'],
  ['12e-3', '12m'],
  ['1M', '1000k'],
  ['1E', '1000P'],
  ['1T', '1000G'],
  ['500u', '0.0005'],
  ['1n', '0.000000001'],
  ['+1', '1'],
  ['1.0', '1'],
  // Below a nano-unit the API server rounds away from zero; the policy engine parses the same way.
  ['1n', '0.0000000001'],
  ['1e40', '10000000000000000000000000000000000000000'],
];

const differentAmounts: [unknown, unknown][] = [
  ['500m', '600m'],
  ['1Gi', '1G'],
  ['1M', '1Mi'],
  ['1m', '1M'],
  // A float would call these equal.
  ['1.000000000000000001', '1'],
  ['-1', '1'],
];

describe('quantity arithmetic', () => {
  it.each(equalSpellings)('%p equals %p', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(true);
  });

  it.each(differentAmounts)('%p differs from %p', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(false);
  });

  it.each(['', '.', 'abc', '1KB', '1e', '1 Gi', '1e999999999'])('%p is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

function deployment(resources: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers: [{ name: 'web', image: 'web:1', resources }] } } },
  };
}

const RESOURCES = '/spec/template/spec/containers/0/resources';

describe('quantities in objects', () => {
  it.each(equalSpellings)('limits %p in Git and %p live are in sync', (git, live) => {
    const result = compareObjects(deployment({ limits: { cpu: live } }), deployment({ limits: { cpu: git } }));
    expect(result.changes).toEqual([]);
    if (git !== live) {
      expect(result.suppressed).toContainEqual(expect.objectContaining({ path: `${RESOURCES}/limits/cpu`, reason: 'canonical-quantity' }));
    }
  });

  it('a real change of a request is reported with both spellings', () => {
    expect(compareObjects(deployment({ requests: { memory: '1Gi' } }), deployment({ requests: { memory: '512Mi' } })).changes).toEqual([
      { op: 'replace', path: `${RESOURCES}/requests/memory`, baseline: '512Mi', live: '1Gi' },
    ]);
  });

  const locations: [string, KubeObject, KubeObject][] = [
    [
      'PVC storage request',
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, spec: { resources: { requests: { storage: '10Gi' } } } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, spec: { resources: { requests: { storage: '10240Mi' } } } },
    ],
    [
      'emptyDir sizeLimit',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 't', emptyDir: { sizeLimit: '1Gi' } }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 't', emptyDir: { sizeLimit: '1024Mi' } }] } },
    ],
    [
      'ResourceQuota hard',
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '2', pods: '10' } } },
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '2000m', pods: 10 } } },
    ],
    [
      'LimitRange default',
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', default: { memory: '256Mi' } }] } },
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', default: { memory: '0.25Gi' } }] } },
    ],
    [
      'StatefulSet volumeClaimTemplates',
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1024Mi' } } } }] },
      },
    ],
  ];
  it.each(locations)('%s', (_name, live, git) => {
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed.map((s) => s.reason)).toContain('canonical-quantity');
  });

  it('quantity spellings outside quantity fields are compared as written', () => {
    const cm = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { size: v } });
    expect(compareObjects(cm('512Mi'), cm('0.5Gi')).changes).toEqual([
      { op: 'replace', path: '/data/size', baseline: '0.5Gi', live: '512Mi' },
    ]);
  });
});
