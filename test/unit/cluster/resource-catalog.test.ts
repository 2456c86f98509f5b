import { describe, expect, it } from '@jest/globals';
import { createResourceCatalog, qualifiedResource, type ResourceInfo } from '../../../src/cluster/index.js';

const deployments: ResourceInfo = { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true, verbs: ['list', 'watch'] };
const namespaces: ResourceInfo = { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false, verbs: ['list'] };
const hpaV2: ResourceInfo = { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', namespaced: true, verbs: ['list'] };

describe('createResourceCatalog', () => {
  const catalog = createResourceCatalog([deployments, namespaces, hpaV2], new Map([['metrics.k8s.io/v1beta1', '503 Service Unavailable']]));

  it('looks up by exact apiVersion and kind, core group included', () => {
    expect(catalog.lookup('apps/v1', 'Deployment')).toBe(deployments);
    expect(catalog.lookup('v1', 'Namespace')).toBe(namespaces);
    expect(catalog.lookup('apps/v1beta1', 'Deployment')).toBeUndefined();
    expect(catalog.lookup('apps/v1', 'Frobnicator')).toBeUndefined();
  });

  it('answers the scope of a kind in any served version of its group', () => {
    expect(catalog.scopeOf('autoscaling/v1', 'HorizontalPodAutoscaler')).toBe('Namespaced');
    expect(catalog.scopeOf('v1', 'Namespace')).toBe('Cluster');
    expect(catalog.scopeOf('example.com/v1', 'Widget')).toBeUndefined();
  });

  it('remembers group versions that could not be discovered', () => {
    expect(catalog.unavailable('metrics.k8s.io/v1beta1')).toBe('503 Service Unavailable');
    expect(catalog.unavailable('apps/v1')).toBeUndefined();
    expect(catalog.warnings).toEqual(['skipped API group version metrics.k8s.io/v1beta1: 503 Service Unavailable']);
    expect(catalog.all()).toHaveLength(3);
  });

  it('names resources as RBAC does', () => {
    expect(qualifiedResource(deployments)).toBe('deployments.apps');
    expect(qualifiedResource(namespaces)).toBe('namespaces');
  });
});
