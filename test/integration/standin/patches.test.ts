import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { call, patchCall } from '../../support/standin-client.js';
import { deployment, namespace, widgetDefinition } from '../../support/standin-fixtures.js';

const WEB = '/apis/apps/v1/namespaces/shop/deployments/web';

interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value: string }>;
}

function containersOf(body: Record<string, unknown>): Container[] {
  return (body as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers;
}

describe('stand-in API server: patch types, subresources and dryRun', () => {
  let server: StandInApiServer;
  beforeEach(async () => {
    const web = deployment('shop', 'web');
    containersOf(web).push({ name: 'sidecar', image: 'envoy:1', env: [{ name: 'A', value: '1' }] });
    server = await startStandInApiServer({ objects: [namespace('shop'), web] });
  });
  afterEach(() => server.close());

  it('applies a JSON merge patch (null deletes, lists replace)', async () => {
    const patched = await patchCall(server.url, WEB, 'application/merge-patch+json', {
      metadata: { labels: { app: null, tier: 'front' } },
      spec: { replicas: 3 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ metadata: { labels: { tier: 'front' } }, spec: { replicas: 3 } });
    expect((patched.body.metadata as { labels: Record<string, string> }).labels).not.toHaveProperty('app');
  });

  it('applies a JSON patch and rejects a failing one with 422', async () => {
    const patched = await patchCall(server.url, WEB, 'application/json-patch+json', [
      { op: 'replace', path: '/spec/replicas', value: 6 },
      { op: 'add', path: '/spec/template/spec/containers/0/env', value: [{ name: 'X', value: 'y' }] },
    ]);
    expect(patched.body).toMatchObject({ spec: { replicas: 6 } });
    expect(containersOf(patched.body)[0]?.env).toEqual([{ name: 'X', value: 'y' }]);
    const failing = await patchCall(server.url, WEB, 'application/json-patch+json', [{ op: 'test', path: '/spec/replicas', value: 1 }]);
    expect(failing.status).toBe(422);
    expect(failing.body).toMatchObject({ kind: 'Status', reason: 'Invalid' });
  });

  it('merges lists by merge key in a strategic merge patch', async () => {
    const patched = await patchCall(server.url, WEB, 'application/strategic-merge-patch+json', {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', env: [{ name: 'B', value: '2' }] },
              { name: 'debug', image: 'busybox' },
            ],
          },
        },
      },
    });
    expect(patched.status).toBe(200);
    expect(containersOf(patched.body)).toEqual([
      { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
      { name: 'sidecar', image: 'envoy:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { name: 'debug', image: 'busybox' },
    ]);
    const deleted = await patchCall(server.url, WEB, 'application/strategic-merge-patch+json', {
      spec: { template: { spec: { containers: [{ name: 'debug', $patch: 'delete' }] } } },
    });
    expect(containersOf(deleted.body).map((c) => c.name)).toEqual(['web', 'sidecar']);
  });

  it('honours $setElementOrder and $deleteFromPrimitiveList from kubectl three-way patches', async () => {
    const patched = await patchCall(server.url, WEB, 'application/strategic-merge-patch+json', {
      metadata: { finalizers: ['b'] },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }], containers: [{ name: 'web', image: 'nginx:1.28' }] } } },
    });
    expect(containersOf(patched.body).map((c) => `${c.name}=${c.image}`)).toEqual(['sidecar=envoy:1', 'web=nginx:1.28']);
    const removed = await patchCall(server.url, WEB, 'application/strategic-merge-patch+json', {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] },
    });
    expect(removed.body.metadata).not.toHaveProperty('finalizers');
  });

  it('refuses unknown patch types with 415 and malformed bodies with 400', async () => {
    const unknown = await patchCall(server.url, WEB, 'application/xml', '<x/>');
    expect(unknown.status).toBe(415);
    expect(unknown.body).toMatchObject({ reason: 'UnsupportedMediaType' });
    const malformed = await patchCall(server.url, WEB, 'application/merge-patch+json', '{nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ reason: 'BadRequest' });
  });

  it('server-side applies: requires a fieldManager, creates, merges, and reports conflicts unless forced', async () => {
    const applied = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'shop' },
      data: { a: '1', b: '2' },
    };
    const path = '/api/v1/namespaces/shop/configmaps/cfg';
    const noManager = await patchCall(server.url, path, 'application/apply-patch+yaml', applied);
    expect(noManager.status).toBe(422);
    const created = await patchCall(server.url, `${path}?fieldManager=gitops`, 'application/apply-patch+yaml', applied);
    expect(created.status).toBe(201);
    await patchCall(server.url, `${path}?fieldManager=kubectl-edit`, 'application/merge-patch+json', { data: { a: 'hand' } });
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: "1"\n  b: "3"\n';
    const conflicting = await patchCall(server.url, `${path}?fieldManager=gitops`, 'application/apply-patch+yaml', yaml);
    expect(conflicting.status).toBe(409);
    expect(conflicting.body).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "cfg": Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.a',
    });
    const forced = await patchCall(server.url, `${path}?fieldManager=gitops&force=true`, 'application/apply-patch+yaml', yaml);
    expect(forced.body).toMatchObject({ data: { a: '1', b: '3' } });
    const managers = (forced.body.metadata as { managedFields: Array<{ manager: string; operation: string }> }).managedFields;
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toEqual(['gitops/Apply']);
  });

  it('server-side apply removes what the applier stopped applying, unless someone else owns it', async () => {
    const path = '/apis/apps/v1/namespaces/shop/deployments/api?fieldManager=gitops';
    const api = deployment('shop', 'api');
    containersOf(api).push({ name: 'sidecar', image: 'envoy:1' });
    api.metadata.labels = { app: 'api', tier: 'web' };
    await patchCall(server.url, path, 'application/apply-patch+yaml', api);
    await patchCall(server.url, `${path.split('?')[0]}?fieldManager=kubectl-label`, 'application/merge-patch+json', { metadata: { labels: { owner: 'ops' } } });
    const smaller = deployment('shop', 'api');
    const reapplied = await patchCall(server.url, path, 'application/apply-patch+yaml', smaller);
    expect(reapplied.status).toBe(200);
    expect(containersOf(reapplied.body).map((c) => c.name)).toEqual(['web']);
    expect((reapplied.body.metadata as { labels: Record<string, string> }).labels).toEqual({ app: 'api', owner: 'ops' });
  });

  it('refuses strategic merge for custom resources, as the real server does', async () => {
    server.store.put(widgetDefinition());
    await call(server.url, 'POST', '/apis/example.com/v1/namespaces/shop/widgets', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } });
    const refused = await patchCall(server.url, '/apis/example.com/v1/namespaces/shop/widgets/w', 'application/strategic-merge-patch+json', { spec: { size: 2 } });
    expect(refused.status).toBe(415);
    const merged = await patchCall(server.url, '/apis/example.com/v1/namespaces/shop/widgets/w', 'application/merge-patch+json', { spec: { size: 2 } });
    expect(merged.body).toMatchObject({ spec: { size: 2 } });
  });

  it('computes but stores nothing with dryRun=All', async () => {
    const before = server.store.resourceVersion;
    const patched = await patchCall(server.url, `${WEB}?dryRun=All`, 'application/merge-patch+json', { spec: { replicas: 9 } });
    expect(patched.body).toMatchObject({ spec: { replicas: 9 } });
    const created = await call(server.url, 'POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } });
    expect(created.status).toBe(201);
    const deleted = await call(server.url, 'DELETE', `${WEB}?dryRun=All`);
    expect(deleted.status).toBe(200);
    expect(server.store.resourceVersion).toBe(before);
    expect((await call(server.url, 'GET', WEB)).body).toMatchObject({ spec: { replicas: 2 } });
    expect((await call(server.url, 'GET', '/api/v1/namespaces/shop/configmaps/dry')).status).toBe(404);
  });

  it('writes status only through /status and replicas through /scale', async () => {
    const ignored = await patchCall(server.url, WEB, 'application/merge-patch+json', { status: { replicas: 5 } });
    expect(ignored.body).not.toHaveProperty('status');
    const status = await patchCall(server.url, `${WEB}/status`, 'application/merge-patch+json', { spec: { replicas: 7 }, status: { replicas: 2, readyReplicas: 2 } });
    expect(status.body).toMatchObject({ spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2 }, metadata: { generation: 1 } });

    const scale = await call(server.url, 'GET', `${WEB}/scale`);
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=web' } });
    const scaled = await patchCall(server.url, `${WEB}/scale`, 'application/merge-patch+json', { spec: { replicas: 4 } });
    expect(scaled.body).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    const put = await call(server.url, 'PUT', `${WEB}/scale`, { ...scaled.body, spec: { replicas: 5 } });
    expect(put.body).toMatchObject({ spec: { replicas: 5 } });
    expect((await call(server.url, 'GET', WEB)).body).toMatchObject({ spec: { replicas: 5 }, metadata: { generation: 3 } });
  });
});
