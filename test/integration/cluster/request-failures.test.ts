import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ClusterError,
  connectCluster,
  createResourceCatalog,
  discoverResources,
  listLiveObjects,
  watchResource,
} from '../../../src/cluster/index.js';
import { eventually } from '../../support/operator-wait.js';
import { closedPortUrl, failure, sendStatus, startRawServer, writeSimpleKubeconfig, type RawServer } from './raw-server.js';

const deployments = { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true, verbs: ['list'] };
const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };

describe('cluster request failures over HTTP', () => {
  let dir: string;
  let server: RawServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-cluster-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const connect = async (url: string, requestTimeoutMs = 5_000) => {
    const kubeconfig = join(dir, 'config');
    writeSimpleKubeconfig(kubeconfig, url, { token: 'tok-ABC123', context: 'ctx' });
    return connectCluster({ kubeconfig, env: {}, requestTimeoutMs });
  };

  it('reports an unreachable server with its URL and the socket error, as retry', async () => {
    const url = await closedPortUrl();
    const error = await failure(discoverResources(await connect(url)));
    expect(error.message).toMatch(new RegExp(`^cannot reach the Kubernetes API server at ${url} to discover the API.*: connect ECONNREFUSED`));
    expect(error.disposition).toBe('retry');
    expect(error.message).not.toContain('tok-ABC123');
  });

  it('times out a server that never answers, naming the limit', async () => {
    server = await startRawServer(() => undefined);
    const error = await failure(listLiveObjects(await connect(server.url, 300), createResourceCatalog([deployments]), [web]));
    expect(error.message).toBe(
      `the Kubernetes API server at ${server.url} did not answer within 0.3 s when trying to list deployments.apps in namespace shop`,
    );
    expect(error.disposition).toBe('retry');
  });

  it('times out a body that stops half-way', async () => {
    server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"kind":"DeploymentList","items":[');
    });
    const error = await failure(listLiveObjects(await connect(server.url, 300), createResourceCatalog([deployments]), [web]));
    expect(error.message).toContain('did not answer within 0.3 s');
  });

  it('sends the bearer token and names the context on 401, as stall', async () => {
    server = await startRawServer((_req, res) => sendStatus(res, 401, 'Unauthorized'));
    const error = await failure(listLiveObjects(await connect(server.url), createResourceCatalog([deployments]), [web]));
    expect(server.requests[0]?.authorization).toBe('Bearer tok-ABC123');
    expect(error.message).toBe(
      `the Kubernetes API server at ${server.url} rejected the credentials of context "ctx" (401 Unauthorized) when trying to list deployments.apps in namespace shop`,
    );
    expect(error).toMatchObject({ status: 401, disposition: 'stall' });
  });

  it('names verb, resource and namespace on 403 with the server message', async () => {
    const denial = 'deployments.apps is forbidden: User "dev" cannot list resource "deployments" in API group "apps" in the namespace "shop"';
    server = await startRawServer((_req, res) => sendStatus(res, 403, denial));
    const error = await failure(listLiveObjects(await connect(server.url), createResourceCatalog([deployments]), [web]));
    expect(error.message).toBe(`forbidden: cannot list deployments.apps in namespace shop at ${server.url} (403): ${denial}`);
    expect(error).toMatchObject({ status: 403, disposition: 'stall' });
  });

  it('reports 5xx with status and one line of body, as retry', async () => {
    server = await startRawServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>\n<body>Bad gateway</body>\n</html>');
    });
    const error = await failure(discoverResources(await connect(server.url)));
    expect(error.message).toMatch(/: 502 Bad Gateway: <html> <body>Bad gateway<\/body> <\/html>$/);
    expect(error).toMatchObject({ status: 502, disposition: 'retry' });
  });

  it('skips a group version whose discovery fails, with a warning, and says so for its objects', async () => {
    const documents: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'] },
      '/api/v1': { kind: 'APIResourceList', resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ['list'] }] },
      '/apis': {
        kind: 'APIGroupList',
        groups: [
          { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] },
          { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }] },
        ],
      },
      '/apis/apps/v1': {
        kind: 'APIResourceList',
        resources: [
          { name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['list', 'watch'] },
          { name: 'deployments/scale', kind: 'Scale', namespaced: true, verbs: ['get'] },
        ],
      },
    };
    server = await startRawServer((req, res) => {
      const document = documents[req.url ?? ''];
      if (document === undefined) return sendStatus(res, 503, 'the server is currently unable to handle the request');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(document));
    });
    const connection = await connect(server.url);
    const catalog = await discoverResources(connection);
    expect(catalog.all().map((info) => `${info.group}/${info.version}/${info.resource}`).sort()).toEqual(['/v1/configmaps', 'apps/v1/deployments']);
    const reason = `cannot discover metrics.k8s.io/v1beta1 (GET /apis/metrics.k8s.io/v1beta1) at ${server.url}: 503 Service Unavailable: the server is currently unable to handle the request`;
    expect(catalog.warnings).toEqual([`skipped API group version metrics.k8s.io/v1beta1: ${reason}`]);

    const podMetrics = { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics', namespace: 'shop', name: 'web-1' };
    const { errors } = await listLiveObjects(connection, catalog, [podMetrics]);
    expect(errors.get('metrics.k8s.io/PodMetrics/shop/web-1')).toBe(`metrics.k8s.io/v1beta1 PodMetrics cannot be looked up: ${reason}`);
  });

  it('times out a watch request that gets no headers, and keeps trying', async () => {
    server = await startRawServer((req, res) => {
      if (req.url?.includes('watch=')) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ metadata: { resourceVersion: '7' }, items: [] }));
    });
    const errors: ClusterError[] = [];
    const watch = watchResource(await connect(server.url, 200), deployments, {
      namespace: 'shop',
      onEvent: () => undefined,
      onError: (error) => errors.push(error),
      timing: { initialBackoffMs: 10, maxBackoffMs: 50 },
    });
    try {
      await eventually('two watch timeouts', () => errors.length >= 2);
    } finally {
      await watch.stop();
    }
    expect(errors.slice(0, 2).map((e) => e.message)).toEqual([
      `the Kubernetes API server at ${server.url} did not answer within 0.2 s when trying to watch deployments.apps in namespace shop`,
      `the Kubernetes API server at ${server.url} did not answer within 0.2 s when trying to watch deployments.apps in namespace shop`,
    ]);
    expect(watch.stats().restarts.failed).toBeGreaterThanOrEqual(2);
  });
});
