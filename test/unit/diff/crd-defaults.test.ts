import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { applySchemaDefaults, compareObjects, CrdSchemas, crdDefaults, SERVER_DEFAULTS } from '../../../src/diff/index.js';
import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';
import { ROUTE_CRD } from '../../realserver/platform-objects-corpus.js';

const crd = parse(ROUTE_CRD) as KubeObject;
const schemas = new CrdSchemas();
schemas.update({ ...crd, metadata: { ...crd.metadata, uid: 'u1', generation: 1 } });
const options = { normalizers: [SERVER_DEFAULTS, crdDefaults(schemas)] };

function gitRoute(): KubeObject {
  return {
    apiVersion: 'gateway.example.com/v1',
    kind: 'Route',
    metadata: { name: 'checkout', namespace: 'shop' },
    spec: {
      parentRefs: [{ name: 'public' }],
      mirrors: [{ name: 'shadow-a' }, { name: 'shadow-b' }],
      rules: [{ backendRefs: [{ name: 'checkout', port: 8080 }] }, { matches: [{ path: { value: '/api' } }], backendRefs: [{ name: 'api', port: 8080 }] }],
    },
  };
}

/** The route as the server stores it: the schema's defaults filled in. */
function liveRoute(managedFields?: ManagedFieldsEntry[]): KubeObject {
  const live = applySchemaDefaults(gitRoute() as never, schemas.lookup('gateway.example.com', 'Route', 'v1')?.schema) as unknown as KubeObject;
  return { ...live, metadata: { ...live.metadata, uid: 'r1', ...(managedFields ? { managedFields } : {}) } };
}

const entry = (manager: string, fieldsV1: object, operation = 'Update'): ManagedFieldsEntry => ({ manager, operation, apiVersion: 'gateway.example.com/v1', fieldsType: 'FieldsV1', fieldsV1 } as ManagedFieldsEntry);
const specOwnedBy = (manager: string, operation: string) =>
  entry(manager, { 'f:spec': { 'f:parentRefs': {}, 'f:rules': {}, 'f:mirrors': { 'k:{"name":"shadow-a"}': { '.': {}, 'f:name': {} }, 'k:{"name":"shadow-b"}': { '.': {}, 'f:name': {} } } } }, operation);

describe('CRD schema defaults', () => {
  it('fills in nested defaults and defaults a default, as the structural defaulting algorithm does', () => {
    const spec = liveRoute().spec as { parentRefs: unknown[]; rules: { matches: unknown; backendRefs: unknown[] }[]; mirrors: unknown[] };
    expect(spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    expect(spec.rules[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: 'checkout', port: 8080, weight: 1 }] });
    expect(spec.rules[1]?.matches).toEqual([{ path: { type: 'PathPrefix', value: '/api' } }]);
    expect(spec.mirrors).toEqual([{ name: 'shadow-a', percent: 100 }, { name: 'shadow-b', percent: 100 }]);
  });

  it.each([
    ['without managedFields', undefined],
    ['applied client-side (an Update owns the defaults)', [specOwnedBy('kubectl-client-side-apply', 'Update')]],
    ['applied server-side (the defaults belong to nobody)', [specOwnedBy('kubectl', 'Apply')]],
  ])('a route %s is in sync', (_name, managedFields) => {
    const comparison = compareObjects(liveRoute(managedFields), gitRoute(), { ...options, gitManagers: ['kubectl-client-side-apply', 'kubectl'] });
    expect(comparison.changes).toEqual([]);
  });

  it('without the CRD normalizer the same defaults of a server-side applied route are drift', () => {
    const changes = compareObjects(liveRoute([specOwnedBy('kubectl', 'Apply')]), gitRoute(), { gitManagers: ['kubectl'] }).changes;
    expect(changes.length).toBeGreaterThan(0);
  });

  it('a person editing one port owns the whole atomic rules list, defaults included: only the port is drift', () => {
    const live = liveRoute([specOwnedBy('kubectl-client-side-apply', 'Update'), entry('kubectl-edit', { 'f:spec': { 'f:rules': {} } })]);
    ((live.spec as { rules: { backendRefs: { port: number }[] }[] }).rules[0]!.backendRefs[0]!).port = 8081;
    expect(compareObjects(live, gitRoute(), options).changes).toEqual([{ op: 'replace', path: '/spec/rules/0/backendRefs/0/port', baseline: 8080, live: 8081 }]);
  });

  it('a field with no schema default that a person added is drift', () => {
    const live = liveRoute();
    (live.spec as Record<string, unknown>).sessionAffinity = 'Cookie';
    expect(compareObjects(live, gitRoute(), options).changes).toEqual([{ op: 'add', path: '/spec/sessionAffinity', live: 'Cookie' }]);
  });

  it('a value other than the default is drift', () => {
    const live = liveRoute();
    ((live.spec as { rules: { backendRefs: { weight: number }[] }[] }).rules[0]!.backendRefs[0]!).weight = 9;
    expect(compareObjects(live, gitRoute(), options).changes).toEqual([{ op: 'add', path: '/spec/rules/0/backendRefs/0/weight', live: 9 }]);
  });

  it('pairs a map list by its x-kubernetes-list-map-keys: a removed element is one removal at Git’s index', () => {
    const live = liveRoute();
    (live.spec as { mirrors: unknown[] }).mirrors.shift();
    expect(compareObjects(live, gitRoute(), options).changes).toEqual([{ op: 'remove', path: '/spec/mirrors/0', baseline: { name: 'shadow-a' } }]);
  });

  it('recompiles a CRD only when its generation changes', () => {
    const cache = new CrdSchemas();
    const stamped = (generation: number) => ({ ...crd, metadata: { ...crd.metadata, uid: 'u1', generation } });
    expect([cache.update(stamped(1)), cache.update(stamped(1)), cache.update(stamped(2))]).toEqual([true, false, true]);
  });
});
