import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { call, patchCall } from '../../support/standin-client.js';
import { deployment, namespace } from '../../support/standin-fixtures.js';

const LIST = '/apis/apps/v1/namespaces/shop/deployments';
const WEB = `${LIST}/web`;

function entries(body: Record<string, unknown>): ManagedFieldsEntry[] {
  return (body.metadata as { managedFields: ManagedFieldsEntry[] }).managedFields;
}

function entryOf(body: Record<string, unknown>, manager: string): ManagedFieldsEntry | undefined {
  return entries(body).find((e) => e.manager === manager);
}

/** Fills the defaults a real server adds, so their ownership can be checked. */
function defaulter(object: KubeObject): KubeObject {
  if (object.kind !== 'Deployment') return object;
  const spec = object.spec as { progressDeadlineSeconds?: number };
  spec.progressDeadlineSeconds ??= 600;
  return object;
}

describe('stand-in API server: managedFields bookkeeping', () => {
  let server: StandInApiServer;
  afterEach(() => server.close());

  it('gives the creator every field it sent, in the real fieldsV1 notation', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')] });
    const created = await call(server.url, 'POST', `${LIST}?fieldManager=kubectl-client-side-apply`, deployment('shop', 'web'));
    expect(entries(created.body)).toEqual([
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"web"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('moves a changed field from the creator to a kubectl-edit-like updater', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')] });
    await call(server.url, 'POST', `${LIST}?fieldManager=kubectl-client-side-apply`, deployment('shop', 'web'));
    const edited = await patchCall(server.url, `${WEB}?fieldManager=kubectl-edit`, 'application/strategic-merge-patch+json', {
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } },
    });
    expect(entryOf(edited.body, 'kubectl-edit')).toMatchObject({
      operation: 'Update',
      fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } } },
    });
    const creator = JSON.stringify(entryOf(edited.body, 'kubectl-client-side-apply')?.fieldsV1);
    expect(creator).not.toContain('f:image');
    expect(creator).toContain('f:replicas');

    const got = await call(server.url, 'GET', WEB);
    const replaced = structuredClone(got.body);
    (replaced.spec as { replicas: number }).replicas = 3;
    const put = await call(server.url, 'PUT', `${WEB}?fieldManager=kubectl-edit`, replaced);
    expect(entryOf(put.body, 'kubectl-edit')?.fieldsV1).toMatchObject({ 'f:spec': { 'f:replicas': {} } });
    expect(JSON.stringify(entryOf(put.body, 'kubectl-client-side-apply')?.fieldsV1)).not.toContain('f:replicas');
  });

  it('drops an entry that has nothing left and names managers after the User-Agent', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop'), deployment('shop', 'web')] });
    await patchCall(server.url, `${WEB}?fieldManager=kubectl-patch`, 'application/merge-patch+json', { spec: { replicas: 5 } });
    const response = await fetch(`${server.url}${WEB}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json', 'User-Agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/abc' },
      body: JSON.stringify({ spec: { replicas: 6 } }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(entries(body).map((e) => e.manager)).toEqual(['kubectl-client-side-apply', 'kubectl']);
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.fieldManager)).toEqual(['kubectl-patch', undefined]);
  });

  it('records status writes with subresource: status', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop'), deployment('shop', 'web')] });
    const written = await patchCall(server.url, `${WEB}/status?fieldManager=kube-controller-manager`, 'application/merge-patch+json', {
      status: { replicas: 2 },
    });
    expect(entryOf(written.body, 'kube-controller-manager')).toMatchObject({
      operation: 'Update',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    });
  });

  it('gives defaults to an Update creator but not to an applier', async () => {
    server = await startStandInApiServer({ objects: [namespace('shop')], defaulter });
    const created = await call(server.url, 'POST', `${LIST}?fieldManager=kubectl-client-side-apply`, deployment('shop', 'web'));
    expect(entryOf(created.body, 'kubectl-client-side-apply')?.fieldsV1).toMatchObject({ 'f:spec': { 'f:progressDeadlineSeconds': {} } });
    const applied = await patchCall(server.url, `${LIST}/api?fieldManager=gitops`, 'application/apply-patch+yaml', deployment('shop', 'api'));
    expect(applied.body).toMatchObject({ spec: { progressDeadlineSeconds: 600 } });
    expect(entryOf(applied.body, 'gitops')).toMatchObject({ operation: 'Apply' });
    expect(JSON.stringify(entryOf(applied.body, 'gitops')?.fieldsV1)).not.toContain('progressDeadlineSeconds');
  });

  it('keeps seeded managedFields as given and updates them on direct writes with a manager', async () => {
    const seeded = deployment('shop', 'web');
    const given: ManagedFieldsEntry = {
      manager: 'argocd-controller',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: '2026-11-20T09:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    };
    seeded.metadata.managedFields = [given];
    server = await startStandInApiServer({ objects: [namespace('shop'), seeded] });
    const stored = server.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(stored?.metadata.managedFields).toEqual([given]);
    if (!stored) return;
    (stored.spec as { replicas: number }).replicas = 9;
    const edited = server.store.put(stored, { manager: 'kubectl-edit' });
    expect(edited.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }),
    ]);
  });
});
