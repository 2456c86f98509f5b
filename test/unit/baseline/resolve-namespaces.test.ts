import { describe, expect, it } from '@jest/globals';
import { resolveNamespaces } from '../../../src/baseline/index.js';
import type { Manifest } from '../../../src/model/index.js';

function manifest(apiVersion: string, kind: string, name: string, namespace: string | undefined, path: string, document = 0): Manifest {
  const metadata = namespace === undefined ? { name } : { name, namespace };
  return {
    ref: { apiVersion, kind, name, ...(namespace ? { namespace } : {}) },
    object: { apiVersion, kind, metadata },
    source: { path, document, line: 1 },
  };
}

const scopes: Record<string, 'Namespaced' | 'Cluster'> = {
  'apps/Deployment': 'Namespaced',
  '/ConfigMap': 'Namespaced',
  'rbac.authorization.k8s.io/ClusterRole': 'Cluster',
  '/Namespace': 'Cluster',
};
const scopeOf = (apiVersion: string, kind: string) => scopes[`${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}/${kind}`];

describe('resolveNamespaces', () => {
  it('puts a namespaced object without a namespace in the default namespace, in ref and object', () => {
    const input = [manifest('apps/v1', 'Deployment', 'web', undefined, 'web.yaml')];
    const { manifests, problems } = resolveNamespaces(input, scopeOf, 'shop');
    expect(problems).toEqual([]);
    expect(manifests[0]?.ref).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(manifests[0]?.object.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(input[0]?.ref.namespace).toBeUndefined();
    expect(input[0]?.object.metadata.namespace).toBeUndefined();
  });

  it('keeps an explicit namespace', () => {
    const { manifests } = resolveNamespaces([manifest('v1', 'ConfigMap', 'c', 'other', 'c.yaml')], scopeOf, 'shop');
    expect(manifests[0]?.ref.namespace).toBe('other');
  });

  it('drops a namespace written on a cluster-scoped object, with a warning', () => {
    const { manifests, problems } = resolveNamespaces(
      [manifest('rbac.authorization.k8s.io/v1', 'ClusterRole', 'admin', 'shop', 'rbac.yaml', 2), manifest('v1', 'Namespace', 'shop', undefined, 'ns.yaml')],
      scopeOf,
      'default',
    );
    expect(manifests.map((m) => m.ref)).toEqual([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' },
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
    ]);
    expect(manifests[0]?.object.metadata).toEqual({ name: 'admin' });
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'rbac.yaml',
        document: 2,
        line: 1,
        object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespace: 'shop', name: 'admin' },
        reason: "ClusterRole admin is cluster-scoped; its namespace 'shop' is ignored",
        message: "rbac.yaml#2 (line 1): ClusterRole admin is cluster-scoped; its namespace 'shop' is ignored",
      },
    ]);
  });

  it('leaves kinds of unknown scope as they are', () => {
    const input = [manifest('example.com/v1', 'Widget', 'w', undefined, 'w.yaml')];
    const { manifests, problems } = resolveNamespaces(input, scopeOf, 'shop');
    expect(manifests).toEqual(input);
    expect(problems).toEqual([]);
  });

  it('reports the same object defined twice as an error naming both places, and keeps the first', () => {
    const { manifests, problems } = resolveNamespaces(
      [
        manifest('apps/v1', 'Deployment', 'web', 'shop', 'a.yaml', 0),
        manifest('apps/v1beta1', 'Deployment', 'web', undefined, 'b.yaml', 3),
        manifest('apps/v1', 'Deployment', 'web', 'other', 'c.yaml', 0),
      ],
      scopeOf,
      'shop',
    );
    expect(manifests.map((m) => m.source.path)).toEqual(['a.yaml', 'c.yaml']);
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'b.yaml',
        document: 3,
        line: 1,
        object: { apiVersion: 'apps/v1beta1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        reason: 'Deployment shop/web is defined twice, first at a.yaml#0 (line 1)',
        message: 'b.yaml#3 (line 1): Deployment shop/web is defined twice, first at a.yaml#0 (line 1)',
      },
    ]);
  });

  it('finds duplicates among cluster-scoped objects once their stray namespace is dropped', () => {
    const { problems } = resolveNamespaces(
      [manifest('v1', 'Namespace', 'shop', undefined, 'a.yaml'), manifest('v1', 'Namespace', 'shop', 'x', 'b.yaml')],
      scopeOf,
      'default',
    );
    expect(problems.map((p) => p.severity)).toEqual(['warning', 'error']);
    expect(problems[1]?.message).toBe('b.yaml#0 (line 1): Namespace shop is defined twice, first at a.yaml#0 (line 1)');
  });
});
