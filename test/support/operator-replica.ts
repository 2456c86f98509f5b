import { Writable } from 'node:stream';
import { connectCluster, createClusterPort } from '../../src/cluster/index.js';
import { systemClock } from '../../src/controller/clock.js';
import { createOperatorDeps } from '../../src/controller/create-operator-deps.js';
import { createLogger } from '../../src/controller/logger.js';
import { createMetrics, type Metrics } from '../../src/controller/metrics.js';
import { Operator } from '../../src/controller/operator.js';
import type { ClusterPort, WatchHandle } from '../../src/controller/ports.js';
import { SYSTEM_NAMESPACE, type OperatorWorld } from './operator-world.js';
import { DEFAULT_TENANT_POLICY } from '../../src/controller/tenant-policy.js';

/** Short timings so that every scenario runs in seconds; the ratios are those of production. */
export const E2E_TIMING = {
  leaderElection: { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 250 },
  controller: { workers: 2, debounceMs: 200, syncTimeoutMs: 10_000 },
  watch: { initialBackoffMs: 50, maxBackoffMs: 500, stallTimeoutMs: 2_000, watchTimeoutSeconds: 30 },
  discovery: { ttlMs: 2_000, missRefreshMs: 200 },
};

export interface Replica {
  identity: string;
  operator: Operator;
  metrics: Metrics;
  /** JSON log lines the replica wrote. */
  logs: string[];
  /** Writes that reached the cluster from this replica (status, events, policy reports), in order. */
  writes: string[];
  /** Simulates a crash or a partition: every later call of this replica to the cluster fails, its watches end, and it never releases the Lease. */
  sever(): Promise<void>;
  stop(): Promise<void>;
  restarts(reason: string): Promise<number>;
}

/** One operator replica, wired as `driftback run` wires it, in this process. */
export async function startReplica(world: OperatorWorld, identity: string): Promise<Replica> {
  const connection = await connectCluster({ kubeconfig: world.kubeconfig, env: {}, requestTimeoutMs: 2_000 });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const real = createClusterPort(connection, { discovery: E2E_TIMING.discovery, watchTiming: E2E_TIMING.watch });
  const link = severableLink(real);
  const metrics = createMetrics();
  const deps = createOperatorDeps({
    // Local bare repositories: the file transport a production operator refuses.
    tenantPolicy: { ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] },
    cluster: link.port,
    metrics,
    log: createLogger({ level: 'info', destination }),
    clock: systemClock,
    tempDir: world.dir,
    github: { throttle: { enabled: false }, retry: { retries: 0 } },
  });
  const operator = new Operator(deps, {
    leaseNamespace: SYSTEM_NAMESPACE,
    leaseName: 'driftback-leader',
    identity,
    host: '127.0.0.1',
    controller: E2E_TIMING.controller,
    leaderElection: E2E_TIMING.leaderElection,
  });
  await operator.start();
  let stopped = false;
  return {
    identity,
    operator,
    metrics,
    logs,
    writes: link.writes,
    sever: link.sever,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await operator.stop();
    },
    restarts: async (reason) => {
      const values = (await metrics.watchRestarts.get()).values;
      return values.filter((v) => v.labels.reason === reason).reduce((sum, v) => sum + v.value, 0);
    },
  };
}

/** A replica's line to the cluster that a test can cut, as a crashed or partitioned pod's is. */
function severableLink(real: ClusterPort): { port: ClusterPort; writes: string[]; sever(): Promise<void> } {
  let severed = false;
  const writes: string[] = [];
  const watches = new Set<WatchHandle>();
  const guarded = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => {
    return async (...args: A): Promise<R> => {
      if (severed) throw new Error('connect ECONNREFUSED: this replica is cut off from the cluster');
      return call(...args);
    };
  };
  const recorded = <A extends unknown[], R>(what: (...args: A) => string, call: (...args: A) => Promise<R>) =>
    guarded(async (...args: A): Promise<R> => {
      const result = await call(...args);
      writes.push(what(...args));
      return result;
    });
  const port: ClusterPort = {
    server: real.server,
    discover: guarded(() => real.discover()),
    watch: (resource, listener, options) => {
      if (severed) return { stop: async () => {} };
      const handle = real.watch(resource, listener, options);
      watches.add(handle);
      return {
        stop: async () => {
          watches.delete(handle);
          await handle.stop();
        },
      };
    },
    readSecret: guarded((namespace: string, name: string) => real.readSecret(namespace, name)),
    writeStatus: recorded(
      (_r, namespace, name) => `status ${namespace}/${name}`,
      (resource: Parameters<ClusterPort['writeStatus']>[0], namespace: string, name: string, status: object) => real.writeStatus(resource, namespace, name, status),
    ),
    recordEvent: recorded(
      (event) => `event ${event.reason} ${event.regarding.name}`,
      (event: Parameters<ClusterPort['recordEvent']>[0]) => real.recordEvent(event),
    ),
    applyPolicyReport: recorded(
      (namespace) => `policyreport ${namespace}`,
      (namespace: string | undefined, report: Parameters<ClusterPort['applyPolicyReport']>[1]) => real.applyPolicyReport(namespace, report),
    ),
    lease: (namespace, name) => {
      const lease = real.lease(namespace, name);
      return {
        get: guarded(() => lease.get()),
        create: guarded((spec: Parameters<typeof lease.create>[0]) => lease.create(spec)),
        replace: guarded((spec: Parameters<typeof lease.replace>[0], version: string) => lease.replace(spec, version)),
      };
    },
  };
  return {
    port,
    writes,
    sever: async () => {
      severed = true;
      const open = [...watches];
      watches.clear();
      await Promise.all(open.map((handle) => handle.stop()));
    },
  };
}
