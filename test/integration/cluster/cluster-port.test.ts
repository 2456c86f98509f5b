import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ClusterError,
  connectCluster,
  createClusterPort,
  type ClusterAccess,
  type ClusterConnection,
  type ResourceInfo,
  type WatchHandle,
} from '../../../src/cluster/index.js';
import { appliedDigest, type KubeObject } from '../../../src/model/index.js';
import { startStandInApiServer, writeKubeconfig, type StandInApiServer } from '../../../src/standin/index.js';
import { driftbackCrds, policyReportCrd } from '../../support/operator-crds.js';
import { eventually } from '../../support/operator-wait.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const configMap = (name: string, value: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', annotations },
  data: { value },
});
const driftWatch: KubeObject = {
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftWatch',
  metadata: { name: 'shop', namespace: 'driftback-system' },
  spec: { source: { repo: 'file:///srv/infra.git' }, interval: '5m' },
};
const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'github-token', namespace: 'driftback-system' },
  type: 'Opaque',
  data: { token: Buffer.from('ghp_s3cret').toString('base64'), note: Buffer.from('zweite Zeile\n').toString('base64') },
};
const report = (fail: number): KubeObject => ({
  apiVersion: 'wgpolicyk8s.io/v1alpha2',
  kind: 'PolicyReport',
  metadata: { name: 'driftback-driftback-system-shop', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'driftback' } },
  summary: { pass: 0, fail, warn: 0, error: 0, skip: 0 },
  results: [],
});

describe('createClusterPort against the stand-in API server over HTTP', () => {
  let dir: string;
  let server: StandInApiServer;
  let connection: ClusterConnection;
  let port: ClusterAccess;
  let handles: WatchHandle[];

  const start = async (objects: KubeObject[]): Promise<void> => {
    server = await startStandInApiServer({ objects: [namespace('shop'), namespace('driftback-system'), ...driftbackCrds(), ...objects] });
    await writeKubeconfig(join(dir, 'config'), server);
    connection = await connectCluster({ kubeconfig: join(dir, 'config'), env: {}, requestTimeoutMs: 2_000 });
    port = createClusterPort(connection, {
      discovery: { ttlMs: 60_000, missRefreshMs: 100 },
      watchTiming: { initialBackoffMs: 20, maxBackoffMs: 200, stallTimeoutMs: 5_000, watchTimeoutSeconds: 60 },
    });
  };
  const lookup = async (apiVersion: string, kind: string): Promise<ResourceInfo> => {
    const info = (await port.discover()).lookup(apiVersion, kind);
    if (!info) throw new Error(`the stand-in serves no ${apiVersion} ${kind}`);
    return info;
  };
  const discoveryRequests = (): number => server.requests.filter((r) => r.path === '/apis').length;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-cluster-port-'));
    handles = [];
  });
  afterEach(async () => {
    await Promise.all(handles.map((h) => h.stop()));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('discover', () => {
    it('serves the catalog from cache within the TTL, one discovery for concurrent callers', async () => {
      await start([]);
      const [first, second] = await Promise.all([port.discover(), port.discover()]);
      await port.discover();
      expect(first.lookup('driftback.dev/v1alpha1', 'DriftWatch')?.resource).toBe('driftwatches');
      expect(second.lookup('coordination.k8s.io/v1', 'Lease')?.namespaced).toBe(true);
      expect(discoveryRequests()).toBe(1);
    });

    it('reads discovery again soon after a lookup missed, so a CRD applied since is found', async () => {
      await start([]);
      expect((await port.discover()).lookup('wgpolicyk8s.io/v1alpha2', 'PolicyReport')).toBeUndefined();
      server.store.put(policyReportCrd());
      const found = await eventually('PolicyReport in discovery', async () => (await port.discover()).lookup('wgpolicyk8s.io/v1alpha2', 'PolicyReport'), 3_000);
      expect(found.resource).toBe('policyreports');
      expect(discoveryRequests()).toBe(2);
    });
  });

  describe('watch', () => {
    it('delivers upserts, removals and syncs, trimmed of status and of all but the skeleton of the last-applied annotation', async () => {
      const applied = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { big: 'label' } }, data: { value: 'a long value' } });
      await start([configMap('a', '1', { [LAST_APPLIED]: applied, team: 'web' }), configMap('b', '1', { [LAST_APPLIED]: '{}' })]);
      const upserts: KubeObject[] = [];
      const removed: string[] = [];
      let synced = 0;
      handles.push(
        port.watch(await lookup('v1', 'ConfigMap'), { upsert: (o) => upserts.push(o), remove: (o) => removed.push(o.metadata.name), synced: () => synced++ }, { namespace: 'shop' }),
      );
      await eventually('the initial sync', () => synced === 1);
      expect(upserts.map((o) => o.metadata.name).sort()).toEqual(['a', 'b']);
      const a = upserts.find((o) => o.metadata.name === 'a')!;
      expect(a.metadata.annotations).toEqual({ team: 'web', [LAST_APPLIED]: `{"driftback:skeleton":1,"driftback:digest":"${appliedDigest(JSON.parse(applied))}","apiVersion":0,"kind":0,"data":{"value":0}}` });
      expect(a.kind).toBe('ConfigMap');
      expect(upserts.find((o) => o.metadata.name === 'b')!.metadata.annotations).toBeUndefined();

      server.store.put({ ...configMap('a', '2'), status: { observed: true } }, { manager: 'kubectl-edit' });
      const edited = await eventually('the edit of a', () => upserts.find((o) => o.data && (o.data as { value: string }).value === '2'));
      expect(edited).not.toHaveProperty('status');
      server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'b' });
      await eventually('the removal of b', () => removed.includes('b'));
    });

    it('reports restarts by cause and failures, and resyncs after them', async () => {
      await start([configMap('a', '1')]);
      const reasons: string[] = [];
      const failures: Error[] = [];
      let synced = 0;
      handles.push(
        port.watch(
          await lookup('v1', 'ConfigMap'),
          { upsert: () => {}, remove: () => {}, synced: () => synced++, restarted: (reason) => reasons.push(reason), failed: (error) => failures.push(error) },
          { namespace: 'shop' },
        ),
      );
      await eventually('the initial sync', () => synced === 1);
      await eventually('the watch request', () => server.requests.some((r) => r.path.endsWith('/configmaps') && r.query.includes('watch=')));
      server.faults.failNext(1, 500);
      server.faults.closeWatches();
      await eventually('a failed restart', () => reasons.includes('failed'));
      expect(reasons[0]).toBe('closed');
      expect(failures[0]).toBeInstanceOf(ClusterError);
      expect(failures[0]!.message).toContain('500');
      await eventually('the resync after the failure', () => synced === 2);
    });

    it('stops: no callback after stop() resolved', async () => {
      await start([configMap('a', '1')]);
      let calls = 0;
      const handle = port.watch(await lookup('v1', 'ConfigMap'), { upsert: () => calls++, remove: () => calls++, synced: () => calls++ }, { namespace: 'shop' });
      await eventually('the initial sync', () => calls === 2);
      await handle.stop();
      server.store.put(configMap('c', '1'));
      const later: string[] = [];
      handles.push(port.watch(await lookup('v1', 'ConfigMap'), { upsert: (o) => later.push(o.metadata.name), remove: () => {}, synced: () => {} }, { namespace: 'shop' }));
      await eventually('a second watch to see c', () => later.includes('c'));
      expect(calls).toBe(2);
    });
  });

  describe('readSecret', () => {
    it('decodes every key of data', async () => {
      await start([secret]);
      expect(await port.readSecret('driftback-system', 'github-token')).toEqual({ token: 'ghp_s3cret', note: 'zweite Zeile\n' });
    });

    it('is undefined when the Secret does not exist, and names the Secret but no value when reading fails', async () => {
      await start([secret]);
      expect(await port.readSecret('driftback-system', 'absent')).toBeUndefined();
      server.faults.failNext(1, 403);
      const failure = await port.readSecret('driftback-system', 'github-token').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ClusterError);
      expect((failure as ClusterError).disposition).toBe('stall');
      expect((failure as ClusterError).message).toContain('secrets driftback-system/github-token');
      expect((failure as ClusterError).message).not.toContain('s3cret');
    });
  });

  describe('writeStatus', () => {
    it('merge-patches the status subresource as driftback, leaving the spec alone', async () => {
      await start([driftWatch]);
      const status = { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True', reason: 'InSync', message: 'ok' }], summary: { objects: 3 } };
      await port.writeStatus(await lookup('driftback.dev/v1alpha1', 'DriftWatch'), 'driftback-system', 'shop', status);
      const stored = server.store.get({ apiVersion: 'driftback.dev/v1alpha1', kind: 'DriftWatch', namespace: 'driftback-system', name: 'shop' })!;
      expect(stored.status).toEqual(status);
      // The stand-in applies the CRD's schema defaults, as a real server does.
      expect(stored.spec).toEqual({ ...(driftWatch.spec as object), suspend: false });
      const write = server.requests.find((r) => r.method === 'PATCH')!;
      expect(write).toMatchObject({ path: '/apis/driftback.dev/v1alpha1/namespaces/driftback-system/driftwatches/shop/status', fieldManager: 'driftback' });
    });

    it('fails with a one-line ClusterError when the DriftWatch is gone', async () => {
      await start([]);
      const failure = await port.writeStatus(await lookup('driftback.dev/v1alpha1', 'DriftWatch'), 'driftback-system', 'gone', {}).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ClusterError);
      expect((failure as ClusterError).status).toBe(404);
      expect((failure as ClusterError).message).toMatch(/^cannot update the status of driftwatches\.driftback\.dev driftback-system\/gone at http:.*404 Not Found/);
      expect((failure as ClusterError).message).not.toContain('\n');
    });
  });

  describe('recordEvent', () => {
    it('creates a core v1 Event on the object, from driftback', async () => {
      await start([]);
      await port.recordEvent({
        regarding: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', uid: 'u-1' },
        type: 'Warning',
        reason: 'DriftViolation',
        message: 'Drift from Git by kubectl-edit violates builtin:hardening/pinned-images (high): /spec/template/spec/containers/0/image.',
        namespace: 'shop',
      });
      await port.recordEvent({ regarding: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }, type: 'Normal', reason: 'DriftDetected', message: 'm', namespace: 'shop' });
      const events = server.store.list('v1', 'Event', 'shop');
      expect(events).toHaveLength(2);
      const violation = events.find((e) => e.reason === 'DriftViolation')!;
      expect(violation.metadata.name).toMatch(/^web\./);
      expect(violation).toMatchObject({
        involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', uid: 'u-1' },
        type: 'Warning',
        source: { component: 'driftback' },
        count: 1,
      });
      expect(violation.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(violation.lastTimestamp).toBe(violation.firstTimestamp);
    });
  });

  describe('applyPolicyReport', () => {
    it('returns false quietly when the cluster does not serve PolicyReports', async () => {
      await start([]);
      expect(await port.applyPolicyReport('shop', report(1))).toBe(false);
      expect(server.requests.filter((r) => r.path.includes('policyreports'))).toEqual([]);
    });

    it('creates the report, then replaces it with its resourceVersion', async () => {
      await start([policyReportCrd()]);
      const ref = { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', namespace: 'shop', name: 'driftback-driftback-system-shop' };
      expect(await port.applyPolicyReport('shop', report(1))).toBe(true);
      const created = server.store.get(ref)!;
      expect(created.summary).toMatchObject({ fail: 1 });
      expect(await port.applyPolicyReport('shop', report(0))).toBe(true);
      const replaced = server.store.get(ref)!;
      expect(replaced.summary).toMatchObject({ fail: 0 });
      expect(replaced.metadata.uid).toBe(created.metadata.uid);
      expect(server.requests.filter((r) => r.path.includes('policyreports') && r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PUT']);
    });

    it('tries once more after a conflict, and fails with the second', async () => {
      await start([policyReportCrd()]);
      await port.discover();
      server.faults.failNext(1, 409);
      expect(await port.applyPolicyReport('shop', report(2))).toBe(true);
      server.faults.failNext(2, 409);
      const failure = await port.applyPolicyReport('shop', report(3)).catch((e: unknown) => e);
      expect((failure as ClusterError).status).toBe(409);
    });
  });

  describe('lease', () => {
    const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'driftback-system', name: 'driftback' };
    const record = (holderIdentity: string) => ({
      holderIdentity,
      leaseDurationSeconds: 15,
      acquireTime: '2026-11-27T10:00:00.123Z',
      renewTime: '2026-11-27T10:00:00.000000Z',
      leaseTransitions: 0,
    });

    it('is undefined before it exists, then reads back what was created, times in MicroTime form', async () => {
      await start([]);
      const lease = port.lease('driftback-system', 'driftback');
      expect(await lease.get()).toBeUndefined();
      await lease.create(record('replica-a'));
      const read = await lease.get();
      expect(read?.spec).toEqual({ ...record('replica-a'), acquireTime: '2026-11-27T10:00:00.123000Z' });
      expect(read?.resourceVersion).toBe(server.store.get(ref)!.metadata.resourceVersion);
    });

    it('replaces with the current resourceVersion; a stale one or a second create is a LeaseConflictError', async () => {
      await start([]);
      const a = port.lease('driftback-system', 'driftback');
      const b = createClusterPort(connection).lease('driftback-system', 'driftback');
      await a.create(record('replica-a'));
      await expect(b.create(record('replica-b'))).rejects.toMatchObject({ name: 'LeaseConflictError' });
      const seen = (await a.get())!;
      await a.replace({ ...record('replica-a'), renewTime: '2026-11-27T10:00:02.000000Z' }, seen.resourceVersion);
      const stale = b.replace(record('replica-b'), seen.resourceVersion);
      await expect(stale).rejects.toMatchObject({ name: 'LeaseConflictError' });
      await expect(stale).rejects.toThrow(/409/);
      expect(server.store.get(ref)!.spec).toMatchObject({ holderIdentity: 'replica-a', renewTime: '2026-11-27T10:00:02.000000Z' });
    });

    it('passes other failures through classified', async () => {
      await start([]);
      server.faults.failNext(1, 503);
      await expect(port.lease('driftback-system', 'driftback').get()).rejects.toMatchObject({ name: 'ClusterError', disposition: 'retry', status: 503 });
    });
  });
});
