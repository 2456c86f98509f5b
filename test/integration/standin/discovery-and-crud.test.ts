import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { call, patchCall } from '../../support/standin-client.js';
import { deployment, namespace } from '../../support/standin-fixtures.js';

describe('stand-in API server: discovery and CRUD over HTTP', () => {
  let server: StandInApiServer;
  beforeEach(async () => {
    server = await startStandInApiServer({ objects: [namespace('shop'), deployment('shop', 'web')] });
  });
  afterEach(() => server.close());

  it('serves the discovery documents kubectl reads', async () => {
    const api = await call(server.url, 'GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await call(server.url, 'GET', '/apis');
    expect(groups.body.kind).toBe('APIGroupList');
    expect(groups.body.groups).toEqual(
      expect.arrayContaining([
        { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
      ]),
    );
    const apps = await call(server.url, 'GET', '/apis/apps/v1');
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect(apps.body.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] }),
        expect.objectContaining({ name: 'deployments/status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] }),
        expect.objectContaining({ name: 'deployments/scale', group: 'autoscaling', version: 'v1', kind: 'Scale' }),
      ]),
    );
    const core = await call(server.url, 'GET', '/api/v1');
    expect(core.body.resources).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'namespaces', namespaced: false })]));
    expect((await call(server.url, 'GET', '/version')).body.major).toBe('1');
  });

  it('lists items without kind or apiVersion, with the list resourceVersion', async () => {
    const list = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1', metadata: { resourceVersion: server.store.resourceVersion } });
    const items = list.body.items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('kind');
    expect(items[0]).not.toHaveProperty('apiVersion');
    expect(items[0]).toMatchObject({ metadata: { name: 'web', namespace: 'shop' } });
    const all = await call(server.url, 'GET', '/apis/apps/v1/deployments');
    expect(all.body.items).toHaveLength(1);
  });

  it('filters lists by label and field selectors and pages with limit/continue', async () => {
    server.store.put(deployment('shop', 'api', { tier: 'backend' }));
    server.store.put(deployment('shop', 'db', { tier: 'data' }));
    const names = async (query: string): Promise<string[]> => {
      const list = await call(server.url, 'GET', `/apis/apps/v1/namespaces/shop/deployments?${query}`);
      return (list.body.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name);
    };
    expect(await names('labelSelector=tier%3Dbackend')).toEqual(['api']);
    expect(await names('labelSelector=tier%20in%20(backend,data)')).toEqual(['api', 'db']);
    expect(await names('labelSelector=tier%20notin%20(data)')).toEqual(['api', 'web']);
    expect(await names('labelSelector=tier')).toEqual(['api', 'db']);
    expect(await names('labelSelector=!tier')).toEqual(['web']);
    expect(await names('labelSelector=tier!%3Ddata')).toEqual(['api', 'web']);
    expect(await names('fieldSelector=metadata.name%3Dweb')).toEqual(['web']);
    const first = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments?limit=2');
    expect(first.body.items).toHaveLength(2);
    const token = (first.body.metadata as { continue: string }).continue;
    const rest = await call(server.url, 'GET', `/apis/apps/v1/namespaces/shop/deployments?limit=2&continue=${token}`);
    expect((rest.body.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name)).toEqual(['web']);
  });

  it('gets, creates with generateName, and refuses duplicates with AlreadyExists', async () => {
    const got = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/web');
    expect(got.body).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web', generation: 1 } });
    expect(got.body.metadata).toEqual(expect.objectContaining({ uid: expect.any(String), creationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }));

    const generated = await call(server.url, 'POST', '/api/v1/namespaces/shop/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'settings-' },
      data: { a: '1' },
    });
    expect(generated.status).toBe(201);
    expect((generated.body.metadata as { name: string }).name).toMatch(/^settings-[a-z0-9]{5}$/);

    const duplicate = await call(server.url, 'POST', '/apis/apps/v1/namespaces/shop/deployments', deployment('shop', 'web'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 409,
    });
  });

  it('answers NotFound for missing objects and unknown resources', async () => {
    const missing = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "nope" not found', details: { name: 'nope', group: 'apps', kind: 'deployments' } });
    const pod = await call(server.url, 'GET', '/api/v1/namespaces/shop/pods/nope');
    expect(pod.body).toMatchObject({ message: 'pods "nope" not found', details: { name: 'nope', kind: 'pods' } });
    const unknown = await call(server.url, 'GET', '/apis/example.com/v1/namespaces/shop/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
  });

  it('updates with PUT and refuses a stale resourceVersion with Conflict', async () => {
    const got = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/web');
    const stale = structuredClone(got.body);
    (got.body.spec as { replicas: number }).replicas = 4;
    const updated = await call(server.url, 'PUT', '/apis/apps/v1/namespaces/shop/deployments/web', got.body);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ spec: { replicas: 4 }, metadata: { generation: 2 } });
    expect(Number((updated.body.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(
      Number((stale.metadata as { resourceVersion: string }).resourceVersion),
    );
    const conflict = await call(server.url, 'PUT', '/apis/apps/v1/namespaces/shop/deployments/web', stale);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('leaves generation alone for metadata-only changes and resourceVersion alone for no-op patches', async () => {
    const path = '/apis/apps/v1/namespaces/shop/deployments/web';
    const labelled = await patchCall(server.url, path, 'application/merge-patch+json', { metadata: { labels: { team: 'a' } } });
    expect(labelled.body.metadata).toMatchObject({ generation: 1, labels: { app: 'web', team: 'a' } });
    const again = await patchCall(server.url, path, 'application/merge-patch+json', { metadata: { labels: { team: 'a' } } });
    expect((again.body.metadata as { resourceVersion: string }).resourceVersion).toBe(
      (labelled.body.metadata as { resourceVersion: string }).resourceVersion,
    );
  });

  it('deletes with a Success Status and honours finalizers', async () => {
    const deleted = await call(server.url, 'DELETE', '/apis/apps/v1/namespaces/shop/deployments/web');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments' } });
    expect((await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/web')).status).toBe(404);

    const held = deployment('shop', 'held');
    held.metadata.finalizers = ['example.com/hold'];
    server.store.put(held);
    const marked = await call(server.url, 'DELETE', '/apis/apps/v1/namespaces/shop/deployments/held');
    expect(marked.body.metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ['example.com/hold'] });
    await patchCall(server.url, '/apis/apps/v1/namespaces/shop/deployments/held', 'application/merge-patch+json', {
      metadata: { finalizers: null },
    });
    expect((await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/held')).status).toBe(404);
  });

  it('checks delete preconditions, deletes collections by selector and empties a deleted namespace', async () => {
    const path = '/apis/apps/v1/namespaces/shop/deployments/web';
    const stale = await call(server.url, 'DELETE', path, { preconditions: { resourceVersion: '1' } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('Precondition failed: ResourceVersion in precondition: 1');
    server.store.put(deployment('shop', 'api', { tier: 'backend' }));
    const collection = await call(server.url, 'DELETE', '/apis/apps/v1/namespaces/shop/deployments?labelSelector=tier%3Dbackend');
    expect(collection.body).toMatchObject({ kind: 'DeploymentList', items: [{ metadata: { name: 'api' } }] });
    expect((await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/api')).status).toBe(404);

    await call(server.url, 'DELETE', '/api/v1/namespaces/shop');
    expect((await call(server.url, 'GET', path)).status).toBe(404);
  });

  it('answers health checks and non-API paths in plain text', async () => {
    const health = await fetch(`${server.url}/readyz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
    const other = await fetch(`${server.url}/metrics/nope`);
    expect([other.status, await other.text()]).toEqual([404, '404 page not found\n']);
  });
});
