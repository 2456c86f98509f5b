import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import type { KubeObject } from '../../../src/model/index.js';

const service = (targetPort: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: { ports: [{ port: 80, protocol: 'TCP', targetPort }] },
});

const deployment = (rollingUpdate: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { strategy: { type: 'RollingUpdate', rollingUpdate } },
});

const pdb = (minAvailable: unknown): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'b' },
  spec: { minAvailable },
});

const probe = (port: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'c:1', livenessProbe: { httpGet: { path: '/', port } } }] },
});

describe('int-or-string spellings', () => {
  const same: [string, KubeObject, KubeObject, string][] = [
    ['Service targetPort', service(8080), service('8080'), '/spec/ports/0/targetPort'],
    ['Deployment maxSurge', deployment({ maxSurge: 1 }), deployment({ maxSurge: '1' }), '/spec/strategy/rollingUpdate/maxSurge'],
    ['Deployment maxUnavailable', deployment({ maxUnavailable: 0 }), deployment({ maxUnavailable: '0' }), '/spec/strategy/rollingUpdate/maxUnavailable'],
    ['PDB minAvailable', pdb(2), pdb('2'), '/spec/minAvailable'],
    ['probe port', probe(8080), probe('8080'), '/spec/containers/0/livenessProbe/httpGet/port'],
  ];
  it.each(same)('%s: number live, numeric string in Git', (_name, live, git, path) => {
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed).toContainEqual(expect.objectContaining({ path, reason: 'int-or-string' }));
  });

  it('a port name is not a port number', () => {
    expect(compareObjects(service(8080), service('http')).changes).toEqual([
      { op: 'replace', path: '/spec/ports/0/targetPort', baseline: 'http', live: 8080 },
    ]);
  });

  it('a percentage is not a count', () => {
    expect(compareObjects(deployment({ maxSurge: 25 }), deployment({ maxSurge: '25%' })).changes).toEqual([
      { op: 'replace', path: '/spec/strategy/rollingUpdate/maxSurge', baseline: '25%', live: 25 },
    ]);
  });

  it('a changed number is still drift', () => {
    expect(compareObjects(service(9090), service('8080')).changes).toEqual([
      { op: 'replace', path: '/spec/ports/0/targetPort', baseline: '8080', live: 9090 },
    ]);
  });

  it('1.0 in Git equals 1 live', () => {
    const live = { ...deployment({}), spec: { replicas: 1 } };
    const git = JSON.parse('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1.0}}') as KubeObject;
    expect(compareObjects(live, git).changes).toEqual([]);
  });
});
