/**
 * Tier 3, suite 4: driftback's list-watch against a real kube-apiserver and etcd. The server runs
 * without its watch cache, so a watch resumed from a resourceVersion that etcd compacted away is
 * answered 410 Gone by etcd itself (with the cache, the same 410 comes from the cache window). A
 * restart of kube-apiserver drops every watch; edits made around both are all delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectCluster, discoverResources, watchResource, type ClusterError, type ResourceInfo, type ResourceWatch, type WatchEvent } from '../../src/cluster/index.js';
import type { KubeObject } from '../../src/model/index.js';
import { eventually } from '../support/operator-wait.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';

const configMap = (name: string, value: string, namespace = 'shop') =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { value } });

describe('list-watch against a real kube-apiserver', () => {
  let server: RealApiServer;
  let configMaps: ResourceInfo;
  let watch: ResourceWatch;
  const events: WatchEvent[] = [];
  const errors: ClusterError[] = [];

  const kubectl = async (args: string[], input?: string) => {
    const run = await server.kubectl(args, input);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr}`);
  };
  const valueOf = (name: string): string | undefined => {
    const found = watch.objects().find((o) => o.metadata.name === name);
    return (found?.data as Record<string, string> | undefined)?.value;
  };
  const delivered = (name: string, value: string) => events.some((e) => e.object.metadata.name === name && (e.object.data as { value?: string } | undefined)?.value === value);

  beforeAll(async () => {
    server = await startRealApiServer({ watchCache: false });
    await kubectl(['create', 'namespace', 'shop']);
    await kubectl(['create', 'namespace', 'elsewhere']);
    for (const name of ['a', 'b', 'c']) await kubectl(['create', '-f', '-'], configMap(name, 'v1'));
    const connection = await connectCluster({ kubeconfig: server.kubeconfig, env: {} });
    configMaps = (await discoverResources(connection)).lookup('v1', 'ConfigMap')!;
    watch = watchResource(connection, configMaps, {
      namespace: 'shop',
      onEvent: (event) => events.push(event),
      onError: (error) => errors.push(error),
      // A short server-side timeout: the stream closes cleanly every few seconds and is resumed
      // from the last resourceVersion, which is what a compaction can take away.
      timing: { initialBackoffMs: 200, maxBackoffMs: 1_000, stallTimeoutMs: 20_000, watchTimeoutSeconds: 2 },
    });
    await eventually('the initial list', () => watch.stats().lists === 1 && watch.objects().length === 3, 30_000);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await watch?.stop();
    await server?.close();
  });

  it('a watch resumed after etcd compacted its resourceVersion gets 410 Gone, relists, and misses no edit', async () => {
    await kubectl(['apply', '-f', '-'], configMap('a', 'v2'));
    await eventually('the edit of a', () => delivered('a', 'v2'), 20_000);
    // Writes the shop watch never sees move etcd's revision past the watch's last one.
    for (let i = 0; i < 3; i++) await kubectl(['create', '-f', '-'], configMap(`noise-${i}`, 'x', 'elsewhere'));
    await server.compactEtcd();
    await eventually('410 Gone and a relist', () => watch.stats().restarts.gone >= 1, 30_000, 100);

    await kubectl(['apply', '-f', '-'], configMap('b', 'v2'));
    await kubectl(['delete', 'configmap', '-n', 'shop', 'c']);
    await kubectl(['create', '-f', '-'], configMap('d', 'v1'));
    await eventually('every edit after the relist', () => valueOf('b') === 'v2' && valueOf('d') === 'v1' && valueOf('c') === undefined, 30_000, 100);
    expect(events.some((e) => e.type === 'DELETED' && e.object.metadata.name === 'c')).toBe(true);
    expect(valueOf('a')).toBe('v2');
  }, 90_000);

  it('edits made while kube-apiserver restarts are all delivered once it is back', async () => {
    const failedBefore = errors.length;
    await kubectl(['apply', '-f', '-'], configMap('a', 'v3'));
    await eventually('the edit before the restart', () => delivered('a', 'v3'), 20_000);
    await server.restartApiServer();
    // Straight after /readyz, while the watch is still backing off from the refused connections.
    await kubectl(['apply', '-f', '-'], configMap('b', 'v3'));
    await kubectl(['delete', 'configmap', '-n', 'shop', 'd']);
    await kubectl(['create', '-f', '-'], configMap('e', 'v1'));
    await kubectl(['apply', '-f', '-'], configMap('a', 'v4'));

    await eventually('every edit made around the restart', () => valueOf('a') === 'v4' && valueOf('b') === 'v3' && valueOf('e') === 'v1' && valueOf('d') === undefined, 60_000, 100);
    expect(errors.length).toBeGreaterThan(failedBefore);
    expect(errors.slice(failedBefore).every((error) => error.disposition === 'retry')).toBe(true);
    const live = watch.objects().map((o: KubeObject) => o.metadata.name).sort();
    expect(live).toEqual(['a', 'b', 'e']);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);
});
