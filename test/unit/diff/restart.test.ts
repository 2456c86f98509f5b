import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compareObjects } from '../../../src/diff/index.js';
import type { KubeObject } from '../../../src/model/kube-object.js';

const POINTER = '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt';
const deployment = (annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
});

describe('kubectl rollout restart', () => {
  it('names the field manager that restarted the workload, as a real API server records it', () => {
    const fixture = parse(readFileSync(join(process.cwd(), 'test/fixtures/kinds/deployment/rollout-restart.yaml'), 'utf8')) as { git: KubeObject; live: KubeObject };
    const comparison = compareObjects(fixture.live, fixture.git);
    expect(comparison.changes).toEqual([]);
    expect(comparison.restart).toEqual({ time: '2026-11-24T14:32:07Z', manager: 'kubectl-rollout' });
  });

  it('is a restart, not a change, also where Git holds an older one and without managedFields', () => {
    const comparison = compareObjects(deployment({ 'kubectl.kubernetes.io/restartedAt': '2026-11-21T10:00:00Z' }), deployment({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' }));
    expect(comparison.changes).toEqual([]);
    expect(comparison.restart).toEqual({ time: '2026-11-21T10:00:00Z' });
    expect(comparison.suppressed).toEqual([{ path: POINTER, reason: 'restart', detail: 'kubectl rollout restart at 2026-11-21T10:00:00Z' }]);
  });

  it('is drift with restartAsDrift; other annotations of the template stay drift either way', () => {
    const live = deployment({ 'kubectl.kubernetes.io/restartedAt': '2026-11-21T10:00:00Z', team: 'payments' });
    expect(compareObjects(live, deployment(), { restartAsDrift: true }).changes).toEqual([
      { op: 'add', path: POINTER, live: '2026-11-21T10:00:00Z' },
      { op: 'add', path: '/spec/template/metadata/annotations/team', live: 'payments' },
    ]);
    expect(compareObjects(live, deployment()).changes).toEqual([{ op: 'add', path: '/spec/template/metadata/annotations/team', live: 'payments' }]);
  });

  it('an annotation of that name on the object itself is drift, not a restart', () => {
    const live: KubeObject = { ...deployment(), metadata: { name: 'web', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/restartedAt': 'x' } } };
    const comparison = compareObjects(live, deployment());
    expect(comparison.changes).toEqual([{ op: 'add', path: '/metadata/annotations/kubectl.kubernetes.io~1restartedAt', live: 'x' }]);
    expect(comparison.restart).toBeUndefined();
  });
});
