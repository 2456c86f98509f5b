import { describe, expect, it } from '@jest/globals';
import { createResourceCatalog, type ResourceInfo } from '../../../src/cluster/index.js';
import { factResources } from '../../../src/controller/scope-baseline.js';

const info = (group: string, version: string, kind: string, resource: string, namespaced = true): ResourceInfo => ({ group, version, kind, resource, namespaced, verbs: ['get', 'list', 'watch'] });
const CRDS = info('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false);
const HPAS = info('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers');
const catalog = createResourceCatalog([
  info('', 'v1', 'ConfigMap', 'configmaps'),
  info('', 'v1', 'Namespace', 'namespaces', false),
  info('apps', 'v1', 'Deployment', 'deployments'),
  info('gateway.example.com', 'v1', 'Route', 'routes'),
  CRDS,
  HPAS,
]);
const ref = (apiVersion: string, kind: string, namespace?: string) => ({ apiVersion, kind, name: 'x', ...(namespace ? { namespace } : {}) });

describe('factResources: what the operator watches beside the objects, as the scan reads it', () => {
  it('built-in kinds only: no CRD watch, whatever their group', () => {
    expect(factResources(catalog, [ref('apps/v1', 'Deployment', 'shop'), ref('v1', 'ConfigMap', 'shop')])).toEqual({ autoscalers: HPAS });
  });

  it('a custom kind the cluster serves: the CRDs too', () => {
    expect(factResources(catalog, [ref('gateway.example.com/v1', 'Route', 'shop')])).toEqual({ crds: CRDS, autoscalers: HPAS });
  });

  it('nothing an HPA can scale (core kinds, cluster-scoped objects): no HPA watch', () => {
    expect(factResources(catalog, [ref('v1', 'ConfigMap', 'shop'), ref('v1', 'Namespace')])).toEqual({});
  });
});
