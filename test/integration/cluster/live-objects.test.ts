import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  connectCluster,
  discoverResources,
  listLiveObjects,
  startLiveListing,
  type ClusterConnection,
  type ResourceCatalog,
} from '../../../src/cluster/index.js';
import { objectKey, type KubeObject, type ObjectRef } from '../../../src/model/index.js';
import { startStandInApiServer, writeKubeconfig, type StandInApiServer } from '../../../src/standin/index.js';
import { failure } from './raw-server.js';

const TOKEN = 'standin-token-7f3a';

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const deployment = (ns: string, name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1.0` }] } },
  },
});
const configMap = (ns: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { a: '1' } });
const clusterRole = (name: string): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
});
const refOf = ({ apiVersion, kind, metadata }: KubeObject): ObjectRef => ({
  apiVersion,
  kind,
  name: metadata.name,
  ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
});

describe('live objects from the stand-in API server', () => {
  let dir: string;
  let server: StandInApiServer;
  let connection: ClusterConnection;
  let catalog: ResourceCatalog;
  const seeded = [
    namespace('shop'),
    namespace('ops'),
    deployment('shop', 'web'),
    deployment('shop', 'api'),
    deployment('ops', 'monitor'),
    configMap('shop', 'settings'),
    clusterRole('reader'),
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-live-'));
    server = await startStandInApiServer({
      objects: seeded,
      token: TOKEN,
      forbid: [{ verb: 'list', group: '', resource: 'secrets', namespace: 'shop' }],
      user: 'dev',
    });
    await writeKubeconfig(join(dir, 'config'), server, { token: TOKEN, namespace: 'shop', context: 'standin' });
    connection = await connectCluster({ kubeconfig: join(dir, 'config'), env: {} });
    catalog = await discoverResources(connection);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with the context, namespace and server of the kubeconfig', () => {
    expect(connection).toMatchObject({ server: server.url, namespace: 'shop', context: 'standin', user: 'standin' });
  });

  it('discovers resources, scopes and verbs', () => {
    expect(catalog.lookup('apps/v1', 'Deployment')).toMatchObject({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true });
    expect(catalog.lookup('apps/v1', 'Deployment')?.verbs).toEqual(expect.arrayContaining(['list', 'watch']));
    expect(catalog.lookup('rbac.authorization.k8s.io/v1', 'ClusterRole')).toMatchObject({ resource: 'clusterroles', namespaced: false });
    expect(catalog.scopeOf('v1', 'Namespace')).toBe('Cluster');
    expect(catalog.scopeOf('v1', 'ConfigMap')).toBe('Namespaced');
    expect(catalog.all().some((info) => info.resource.includes('/'))).toBe(false);
    expect(catalog.warnings).toEqual([]);
  });

  it('reads with one list per (resource, namespace) and sets kind and apiVersion on the items', async () => {
    const missing: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'gone' };
    const refs = [...seeded.map(refOf), missing];
    const before = server.requests.length;
    const { objects, errors } = await listLiveObjects(connection, catalog, refs);
    const calls = server.requests.slice(before).map((r) => `${r.method} ${r.path}`).sort();
    expect(calls).toEqual([
      'GET /api/v1/namespaces',
      'GET /api/v1/namespaces/shop/configmaps',
      'GET /apis/apps/v1/namespaces/ops/deployments',
      'GET /apis/apps/v1/namespaces/shop/deployments',
      'GET /apis/rbac.authorization.k8s.io/v1/clusterroles',
    ]);
    expect(errors.size).toBe(0);
    expect([...objects.keys()].sort()).toEqual(seeded.map((o) => objectKey(refOf(o))).sort());
    const web = objects.get('apps/Deployment/shop/web');
    expect(web).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
    expect(web?.metadata.resourceVersion).toBeDefined();
    expect(objects.get('/Namespace//ops')).toMatchObject({ apiVersion: 'v1', kind: 'Namespace' });
    expect(objects.has(objectKey(missing))).toBe(false);
  });

  it('looks up a namespaced ref without namespace in the context namespace, keyed as asked', async () => {
    const ref: ObjectRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings' };
    const { objects } = await listLiveObjects(connection, catalog, [ref]);
    expect(objects.get(objectKey(ref))?.metadata.namespace).toBe('shop');
  });

  it('gives a kind the cluster does not serve a per-object error and still reads the rest', async () => {
    const frob: ObjectRef = { apiVersion: 'apps/v1', kind: 'Frobnicator', namespace: 'shop', name: 'x' };
    const { objects, errors } = await listLiveObjects(connection, catalog, [frob, refOf(deployment('shop', 'web'))]);
    expect(errors.get(objectKey(frob))).toBe(`apps/v1 Frobnicator is not served by the cluster at ${server.url}`);
    expect(objects.has('apps/Deployment/shop/web')).toBe(true);
  });

  it('names verb, resource, namespace and the server message on 403', async () => {
    const secret: ObjectRef = { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db' };
    const error = await failure(listLiveObjects(connection, catalog, [secret]));
    expect(error.message).toBe(
      `forbidden: cannot list secrets in namespace shop at ${server.url} (403): secrets is forbidden: User "dev" cannot list resource "secrets" in API group "" in the namespace "shop"`,
    );
    expect(error).toMatchObject({ status: 403, disposition: 'stall' });
  });

  it('reports a 5xx on list as a retryable failure', async () => {
    server.faults.failNext(1, 503);
    const error = await failure(listLiveObjects(connection, catalog, [refOf(configMap('shop', 'settings'))]));
    expect(error.message).toBe(`cannot list configmaps in namespace shop at ${server.url}: 503 Service Unavailable: injected fault`);
    expect(error).toMatchObject({ status: 503, disposition: 'retry' });
  });

  it('rejects a wrong token with 401 naming the context, without printing any token', async () => {
    await writeKubeconfig(join(dir, 'wrong'), server, { token: 'not-the-token', context: 'intruder' });
    const wrong = await connectCluster({ kubeconfig: join(dir, 'wrong'), env: {} });
    const error = await failure(discoverResources(wrong));
    expect(error.message).toMatch(
      new RegExp(`^the Kubernetes API server at ${server.url} rejected the credentials of context "intruder" \\(401 Unauthorized\\) when trying to discover`),
    );
    expect(error).toMatchObject({ status: 401, disposition: 'stall' });
    expect(error.message).not.toMatch(/not-the-token|standin-token/);
  });

  it('selects --context from a merged KUBECONFIG list', async () => {
    await writeKubeconfig(join(dir, 'a.yaml'), server, { token: 'nope', context: 'wrong' });
    await writeKubeconfig(join(dir, 'b.yaml'), server, { token: TOKEN, context: 'right', namespace: 'ops' });
    const env = { KUBECONFIG: `${join(dir, 'a.yaml')}:${join(dir, 'b.yaml')}` };
    const right = await connectCluster({ env, context: 'right' });
    expect(right).toMatchObject({ context: 'right', namespace: 'ops', source: `kubeconfig ${env.KUBECONFIG}` });
    expect((await discoverResources(right)).lookup('v1', 'ConfigMap')).toBeDefined();
    const current = await connectCluster({ env });
    expect(current.context).toBe('wrong');
    expect((await failure(discoverResources(current))).status).toBe(401);
    await expect(connectCluster({ env, context: 'prod' })).rejects.toThrow(`context "prod" not found in kubeconfig ${env.KUBECONFIG} (contexts: wrong, right)`);
  });

  it('reports a stopped server as unreachable with its URL, and works again after restart', async () => {
    await server.stop();
    try {
      const error = await failure(listLiveObjects(connection, catalog, [refOf(configMap('shop', 'settings'))]));
      expect(error.message).toMatch(
        new RegExp(`^cannot reach the Kubernetes API server at ${server.url} to list configmaps in namespace shop: connect ECONNREFUSED`),
      );
      expect(error.disposition).toBe('retry');
    } finally {
      await server.restart();
    }
    const { objects } = await listLiveObjects(connection, catalog, [refOf(configMap('shop', 'settings'))]);
    expect(objects.size).toBe(1);
  });

  it('follows continue tokens through a namespace larger than one page', async () => {
    const many = Array.from({ length: 620 }, (_, i) => configMap('ops', `cm-${String(i).padStart(3, '0')}`));
    for (const object of many) server.store.put(object);
    const before = server.requests.length;
    const { objects } = await listLiveObjects(connection, catalog, many.map(refOf));
    expect(objects.size).toBe(620);
    const pages = server.requests.slice(before).map((r) => new URLSearchParams(r.query));
    expect(pages.map((q) => q.get('limit'))).toEqual(['500', '500']);
    expect(pages[1]?.get('continue')).toBeTruthy();
  });

  it('lists while refs are still found: each list once, and a list no longer needed cannot fail the scan', async () => {
    const [web, api] = [refOf(deployment('shop', 'web')), refOf(deployment('shop', 'api'))];
    const secret: ObjectRef = { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db' };
    const before = server.requests.length;
    const listing = startLiveListing(connection, Promise.resolve(catalog));
    listing.want([web, secret]);
    listing.want([api]);
    const { objects, errors } = await listing.finish([web, api]);
    expect([...objects.keys()].sort()).toEqual(['apps/Deployment/shop/api', 'apps/Deployment/shop/web']);
    expect(errors.size).toBe(0);
    const deploymentLists = server.requests.slice(before).filter((r) => r.path === '/apis/apps/v1/namespaces/shop/deployments');
    expect(deploymentLists).toHaveLength(1);
  });
});
