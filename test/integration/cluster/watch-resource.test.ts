import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  connectCluster,
  discoverResources,
  watchResource,
  type ClusterConnection,
  type ClusterError,
  type ResourceInfo,
  type ResourceWatch,
  type WatchEvent,
} from '../../../src/cluster/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { startStandInApiServer, writeKubeconfig, type StandInApiServer } from '../../../src/standin/index.js';
import { eventually } from '../../support/operator-wait.js';

const configMap = (name: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop' },
  data: { value },
});

describe('watchResource against the stand-in API server', () => {
  let dir: string;
  let server: StandInApiServer;
  let connection: ClusterConnection;
  let configMaps: ResourceInfo;
  let watch: ResourceWatch | undefined;
  let events: WatchEvent[];
  let errors: ClusterError[];
  let synced: { relist: boolean; objects: number }[];

  const seen = (type: WatchEvent['type'], name: string, value?: string): boolean =>
    events.some(
      (e) =>
        e.type === type &&
        e.object.metadata.name === name &&
        (value === undefined || (e.object.data as Record<string, string> | undefined)?.value === value),
    );
  const watchRequests = (): number => server.requests.filter((r) => r.path.endsWith('/configmaps') && /(^|&)watch=/.test(r.query)).length;
  const start = (stallTimeoutMs = 5_000): ResourceWatch => {
    watch = watchResource(connection, configMaps, {
      namespace: 'shop',
      onEvent: (event) => events.push(event),
      onSynced: (sync) => synced.push(sync),
      onError: (error) => errors.push(error),
      timing: { initialBackoffMs: 20, maxBackoffMs: 200, stallTimeoutMs, watchTimeoutSeconds: 60 },
    });
    return watch;
  };
  const startedAndWatching = async (stallTimeoutMs?: number): Promise<ResourceWatch> => {
    const running = start(stallTimeoutMs);
    await eventually('the initial sync', () => synced.length === 1);
    await eventually('the first watch request', () => watchRequests() === 1);
    return running;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-watch-'));
    events = [];
    errors = [];
    synced = [];
    server = await startStandInApiServer({
      objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, configMap('a', '1'), configMap('b', '1')],
      bookmarkIntervalMs: 100,
    });
    await writeKubeconfig(join(dir, 'config'), server, { namespace: 'shop' });
    connection = await connectCluster({ kubeconfig: join(dir, 'config'), env: {}, requestTimeoutMs: 2_000 });
    const info = (await discoverResources(connection)).lookup('v1', 'ConfigMap');
    if (!info) throw new Error('the stand-in serves no ConfigMap');
    configMaps = info;
  });
  afterEach(async () => {
    await watch?.stop();
    watch = undefined;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, then watches with bookmarks and a server-side timeout, delivering changes with kind set', async () => {
    await startedAndWatching();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name} ${e.source}`)).toEqual(['ADDED a list', 'ADDED b list']);
    expect(synced).toEqual([{ relist: false, objects: 2 }]);
    const query = new URLSearchParams(server.requests.find((r) => r.query.includes('watch='))?.query);
    expect(query.get('allowWatchBookmarks')).toBe('true');
    expect(Number(query.get('timeoutSeconds'))).toBeGreaterThanOrEqual(60);
    expect(query.get('resourceVersion')).toBe(server.store.resourceVersion);

    server.store.put(configMap('c', '1'));
    server.store.put(configMap('a', '2'), { manager: 'kubectl-edit' });
    server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'b' });
    await eventually('the three changes', () => seen('ADDED', 'c') && seen('MODIFIED', 'a', '2') && seen('DELETED', 'b'));
    expect(events.slice(2).every((e) => e.source === 'watch' && e.object.kind === 'ConfigMap' && e.object.apiVersion === 'v1')).toBe(true);
    expect(watch?.objects().map((o) => o.metadata.name).sort()).toEqual(['a', 'c']);
    const stats = watch?.stats();
    expect(stats?.lastActivityAt?.getTime()).toBeGreaterThanOrEqual(stats?.lastSyncedAt?.getTime() ?? Infinity);
    expect(errors).toEqual([]);
  });

  it('re-watches from the last resourceVersion when the server drops the watch', async () => {
    await startedAndWatching();
    server.faults.closeWatches();
    server.store.put(configMap('a', 'while-dropped'));
    await eventually('the change made while dropped', () => seen('MODIFIED', 'a', 'while-dropped'));
    expect(watch?.stats().restarts.closed).toBeGreaterThanOrEqual(1);
    expect(watch?.stats().lists).toBe(1);
    expect(errors).toEqual([]);
  });

  it('relists after 410 Gone and reports what changed meanwhile', async () => {
    await startedAndWatching();
    server.faults.closeWatches();
    server.store.put(configMap('a', 'after-compaction'));
    server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'b' });
    server.faults.compact();
    await eventually('the relisted changes', () => seen('MODIFIED', 'a', 'after-compaction') && seen('DELETED', 'b'));
    expect(events.filter((e) => e.source === 'list').map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED a',
      'ADDED b',
      'MODIFIED a',
      'DELETED b',
    ]);
    expect(watch?.stats().restarts.gone).toBe(1);
    expect(synced.at(-1)).toEqual({ relist: true, objects: 1 });
  });

  it('backs off through 500s and recovers', async () => {
    await startedAndWatching();
    server.faults.failNext(3, 500);
    server.faults.closeWatches();
    server.store.put(configMap('a', 'after-500s'));
    await eventually('the change after the 500s', () => seen('MODIFIED', 'a', 'after-500s'));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e.status === 500 && e.disposition === 'retry')).toBe(true);
    expect(errors[0]?.message).toMatch(
      /^cannot (watch|list) configmaps in namespace shop at http:\/\/127\.0\.0\.1:\d+: 500 Internal Server Error: Internal error occurred: injected fault$/,
    );
    expect(watch?.stats().restarts.failed).toBe(errors.length);
  });

  it('keeps retrying while the server refuses connections, then sees what changed while it was down', async () => {
    await startedAndWatching();
    await server.stop();
    server.store.put(configMap('a', 'while-down'));
    server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'b' });
    await eventually('two refused attempts', () => errors.filter((e) => e.code === 'ECONNREFUSED').length >= 2);
    expect(errors[0]?.message).toContain(`cannot reach the Kubernetes API server at ${server.url}`);
    await server.restart();
    await eventually('the changes made while down', () => seen('MODIFIED', 'a', 'while-down') && seen('DELETED', 'b'));
    expect(events.filter((e) => e.source === 'list' && (e.type === 'MODIFIED' || e.type === 'DELETED'))).toHaveLength(2);
    expect(watch?.stats().restarts.failed).toBeGreaterThanOrEqual(2);
  });

  it('abandons a stalled watch and relists', async () => {
    await startedAndWatching(600);
    server.faults.stallWatches();
    server.store.put(configMap('a', 'during-stall'));
    await eventually('the change hidden by the stall', () => seen('MODIFIED', 'a', 'during-stall'));
    expect(watch?.stats().restarts.stalled).toBe(1);
    expect(errors.map((e) => e.message)).toEqual([
      `watch configmaps in namespace shop at ${server.url} stalled: no event or bookmark for 0.6 s`,
    ]);
  });

  it('stops for good on stop(): no error, no event, no further request', async () => {
    const running = await startedAndWatching();
    await running.stop();
    const requestsAtStop = server.requests.length;
    server.store.put(configMap('a', 'after-stop'));
    server.faults.closeWatches();
    // A second watch proves the stand-in still delivers; the stopped one must stay silent.
    const probe: WatchEvent[] = [];
    const second = watchResource(connection, configMaps, { namespace: 'shop', onEvent: (e) => probe.push(e) });
    await eventually('the probe watch to list', () => probe.length === 2);
    await eventually('the probe watch to watch', () => watchRequests() === 2);
    await second.stop();
    expect(server.requests.length).toBe(requestsAtStop + 2);
    expect(seen('MODIFIED', 'a', 'after-stop')).toBe(false);
    expect(errors).toEqual([]);
  });
});
