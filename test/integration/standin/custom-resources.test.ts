import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { call, patchCall } from '../../support/standin-client.js';
import { namespace, widgetDefinition } from '../../support/standin-fixtures.js';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

describe('stand-in API server: CustomResourceDefinitions, Leases and Events', () => {
  let server: StandInApiServer;
  beforeEach(async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')] });
  });
  afterEach(() => server.close());

  it('serves a custom resource once its CRD is created, and forgets it when the CRD is deleted', async () => {
    expect((await call(server.url, 'GET', '/apis/example.com/v1')).status).toBe(404);
    const created = await call(server.url, 'POST', CRDS, widgetDefinition());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: { conditions: expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]) } });

    const groups = await call(server.url, 'GET', '/apis');
    expect(groups.body.groups).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'example.com' })]));
    const resources = await call(server.url, 'GET', '/apis/example.com/v1');
    expect(resources.body.resources).toEqual([
      { name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: expect.arrayContaining(['list', 'watch']), shortNames: ['wg'] },
      { name: 'widgets/status', singularName: '', namespaced: true, kind: 'Widget', verbs: ['get', 'patch', 'update'] },
    ]);

    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 }, status: { ready: true } };
    const stored = await call(server.url, 'POST', '/apis/example.com/v1/namespaces/shop/widgets', widget);
    expect(stored.body).toMatchObject({ metadata: { name: 'w', namespace: 'shop', generation: 1 }, spec: { size: 1 } });
    expect(stored.body).not.toHaveProperty('status');
    const status = await patchCall(server.url, '/apis/example.com/v1/namespaces/shop/widgets/w/status', 'application/merge-patch+json', { status: { ready: true } });
    expect(status.body).toMatchObject({ status: { ready: true }, metadata: { generation: 1 } });
    const list = await call(server.url, 'GET', '/apis/example.com/v1/widgets');
    expect(list.body).toMatchObject({ kind: 'WidgetList', apiVersion: 'example.com/v1' });

    await call(server.url, 'DELETE', `${CRDS}/widgets.example.com`);
    expect((await call(server.url, 'GET', '/apis/example.com/v1')).status).toBe(404);
    expect((await call(server.url, 'GET', '/apis/example.com/v1/namespaces/shop/widgets/w')).status).toBe(404);
    expect(server.store.resourceVersion).toBe(String(Number((status.body.metadata as { resourceVersion: string }).resourceVersion) + 2));
  });

  it('serves cluster-scoped custom resources without a namespace', async () => {
    server.store.put(widgetDefinition('Cluster'));
    const created = await call(server.url, 'POST', '/apis/example.com/v1/widgets', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'global' } });
    expect(created.status).toBe(201);
    expect(created.body.metadata).not.toHaveProperty('namespace');
    expect((await call(server.url, 'GET', '/apis/example.com/v1/widgets/global')).status).toBe(200);
    expect((await call(server.url, 'GET', '/apis/example.com/v1/namespaces/shop/widgets/global')).status).toBe(404);
  });

  it('stores Leases for leader election and Events as ordinary resources', async () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'driftback-leader' },
      spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2026-11-27T10:00:00.000000Z', renewTime: '2026-11-27T10:00:00.000000Z' },
    };
    const leases = '/apis/coordination.k8s.io/v1/namespaces/shop/leases';
    const created = await call(server.url, 'POST', leases, lease);
    expect(created.status).toBe(201);
    const takeover = structuredClone(created.body);
    (takeover.spec as { holderIdentity: string }).holderIdentity = 'pod-b';
    expect((await call(server.url, 'PUT', `${leases}/driftback-leader`, takeover)).status).toBe(200);
    expect((await call(server.url, 'PUT', `${leases}/driftback-leader`, created.body)).status).toBe(409);

    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { generateName: 'web.' },
      involvedObject: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      reason: 'DriftDetected',
      message: 'spec.replicas changed',
      type: 'Normal',
    };
    expect((await call(server.url, 'POST', '/api/v1/namespaces/shop/events', event)).status).toBe(201);
    const newEvent = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.1' }, reason: 'DriftDetected', action: 'Compare', eventTime: '2026-11-27T10:00:00.000000Z', reportingController: 'driftback', reportingInstance: 'a' };
    expect((await call(server.url, 'POST', '/apis/events.k8s.io/v1/namespaces/shop/events', newEvent)).status).toBe(201);
  });
});
