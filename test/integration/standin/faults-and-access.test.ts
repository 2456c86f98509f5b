import { afterEach, describe, expect, it } from '@jest/globals';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { call } from '../../support/standin-client.js';
import { deployment, namespace } from '../../support/standin-fixtures.js';

const USER = 'system:serviceaccount:driftback-system:driftback';

describe('stand-in API server: injected faults, lifecycle and access control', () => {
  let server: StandInApiServer;
  afterEach(() => server.close());

  it('fails the next N resource requests with a Status body, then recovers', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')] });
    server.faults.failNext(2);
    const first = await call(server.url, 'GET', '/api/v1/namespaces');
    expect(first.status).toBe(500);
    expect(first.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: injected fault',
      reason: 'InternalError',
      details: { causes: [{ message: 'injected fault' }] },
      code: 500,
    });
    expect((await call(server.url, 'GET', '/api/v1/namespaces')).status).toBe(500);
    expect((await call(server.url, 'GET', '/api/v1/namespaces')).status).toBe(200);
    server.faults.failNext(1, 503);
    expect((await call(server.url, 'GET', '/api/v1/namespaces/shop')).body).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
  });

  it('refuses connections while stopped and comes back on the same port with the same state', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')] });
    const url = server.url;
    await server.stop();
    await expect(fetch(`${url}/api/v1/namespaces`)).rejects.toThrow();
    await server.restart();
    expect(server.url).toBe(url);
    const list = await call(url, 'GET', '/api/v1/namespaces');
    expect((list.body.items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name)).toEqual(['shop']);
  });

  it('answers 401 without the bearer token', async () => {
    server = await startStandInApiServer({ token: 'sekret' });
    const anonymous = await call(server.url, 'GET', '/api/v1/namespaces');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
    const authorized = await call(server.url, 'GET', '/api/v1/namespaces', undefined, { Authorization: 'Bearer sekret' });
    expect(authorized.status).toBe(200);
  });

  it('answers 403 with the real Forbidden messages', async () => {
    server = await startStandInApiServer({
      objects: [namespace('shop'), deployment('shop', 'web')],
      forbid: [
        { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'shop' },
        { verb: 'list', group: 'apps', resource: 'deployments' },
        { verb: 'list', group: '', resource: 'secrets', namespace: 'shop' },
      ],
    });
    const get = await call(server.url, 'GET', '/apis/apps/v1/namespaces/shop/deployments/web');
    expect(get.status).toBe(403);
    expect(get.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `deployments.apps "web" is forbidden: User "${USER}" cannot get resource "deployments" in API group "apps" in the namespace "shop"`,
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403,
    });
    const list = await call(server.url, 'GET', '/apis/apps/v1/deployments');
    expect(list.body.message).toBe(`deployments.apps is forbidden: User "${USER}" cannot list resource "deployments" in API group "apps" at the cluster scope`);
    const secrets = await call(server.url, 'GET', '/api/v1/namespaces/shop/secrets');
    expect(secrets.body.message).toBe(`secrets is forbidden: User "${USER}" cannot list resource "secrets" in API group "" in the namespace "shop"`);
    expect((await call(server.url, 'GET', '/api/v1/namespaces/shop/configmaps')).status).toBe(200);
  });

  it('logs every request for "one list per resource" assertions', async () => {
    server = await startStandInApiServer();
    await call(server.url, 'GET', '/api/v1/namespaces?labelSelector=a%3Db');
    await call(server.url, 'POST', '/api/v1/namespaces?fieldManager=me', namespace('x'));
    expect(server.requests).toEqual([
      { method: 'GET', path: '/api/v1/namespaces', query: 'labelSelector=a%3Db' },
      { method: 'POST', path: '/api/v1/namespaces', query: 'fieldManager=me', fieldManager: 'me' },
    ]);
  });
});
