import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AppsV1Api, CoreV1Api, KubeConfig, makeInformer, type V1Deployment } from '@kubernetes/client-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandInApiServer, writeKubeconfig, type StandInApiServer } from '../../../src/standin/index.js';
import { call } from '../../support/standin-client.js';
import { deployment, namespace } from '../../support/standin-fixtures.js';

describe('@kubernetes/client-node against the stand-in API server', () => {
  let server: StandInApiServer;
  let dir: string;
  beforeEach(async () => {
    server = await startStandInApiServer({ token: 't0ken', objects: [namespace('shop'), deployment('shop', 'web')] });
    dir = await mkdtemp(join(tmpdir(), 'standin-client-node-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const load = async (token?: string): Promise<KubeConfig> => {
    const file = join(dir, 'kubeconfig');
    await writeKubeconfig(file, server, { token, namespace: 'shop' });
    const config = new KubeConfig();
    config.loadFromFile(file);
    return config;
  };

  it('lists with the bearer token and gets 401 without it', async () => {
    const apps = (await load('t0ken')).makeApiClient(AppsV1Api);
    const list = await apps.listNamespacedDeployment({ namespace: 'shop' });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(['web']);
    expect(list.metadata?.resourceVersion).toBe(server.store.resourceVersion);
    const anonymous = (await load()).makeApiClient(CoreV1Api);
    await expect(anonymous.listNamespace()).rejects.toMatchObject({ code: 401 });
  });

  it('runs an informer: initial add, then updates from the watch', async () => {
    const config = await load('t0ken');
    const apps = config.makeApiClient(AppsV1Api);
    const informer = makeInformer(config, '/apis/apps/v1/namespaces/shop/deployments', () => apps.listNamespacedDeployment({ namespace: 'shop' }));
    const added = new Promise<V1Deployment>((resolve) => informer.on('add', resolve));
    const updated = new Promise<V1Deployment>((resolve) => informer.on('update', resolve));
    informer.on('error', () => undefined);
    await informer.start();
    try {
      expect((await added).metadata?.name).toBe('web');
      await call(server.url, 'PATCH', '/apis/apps/v1/namespaces/shop/deployments/web', { spec: { replicas: 4 } }, {
        'Content-Type': 'application/merge-patch+json',
        Authorization: 'Bearer t0ken',
      });
      expect((await updated).spec?.replicas).toBe(4);
    } finally {
      await informer.stop();
    }
  });
});
