import { hostname } from 'node:os';
import type { Clock } from './clock.js';
import { DriftWatchController, DEFAULT_CONTROLLER_OPTIONS, type ControllerOptions } from './drift-watch-controller.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { serveEndpoints, type Probes } from './http-endpoints.js';
import { DEFAULT_LEADER_ELECTION, LeaderElector } from './leader-election.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { BaselinePort, ClusterPort } from './ports.js';

export interface OperatorOptions {
  /** Where the leader-election Lease lives: the operator's own namespace. */
  leaseNamespace: string;
  leaseName: string;
  identity: string;
  metricsPort?: number;
  healthPort?: number;
  host?: string;
  controller?: ControllerOptions;
  leaderElection?: Partial<typeof DEFAULT_LEADER_ELECTION>;
}

export interface OperatorDeps {
  cluster: ClusterPort;
  baselines: BaselinePort;
  ensurePullRequests?: RuntimeDeps['ensurePullRequests'];
  onVerdict?: RuntimeDeps['onVerdict'];
  trustedManagers?: RuntimeDeps['trustedManagers'];
  metrics: Metrics;
  log: Logger;
  clock: Clock;
}

export function defaultIdentity(env: NodeJS.ProcessEnv): string {
  return env.POD_NAME ?? `${hostname()}-${process.pid}`;
}

/**
 * The operator process: serves metrics and probes at once, campaigns for the Lease, and runs the
 * controller only while it leads, so of several replicas only one writes status, events and
 * pull requests. `stop` finishes an in-flight pull request, then releases the Lease.
 */
export class Operator {
  private controller: DriftWatchController | undefined;
  private readonly elector: LeaderElector;
  private readonly servers: Array<{ close(): Promise<void> }> = [];
  private transition: Promise<void> = Promise.resolve();
  private lastFailure: string | undefined;
  private failedStarts = 0;
  private retryTimer: { cancel(): void } | undefined;

  constructor(
    private readonly deps: OperatorDeps,
    private readonly options: OperatorOptions,
  ) {
    this.elector = new LeaderElector(
      deps.cluster.lease(options.leaseNamespace, options.leaseName),
      { identity: options.identity, ...DEFAULT_LEADER_ELECTION, ...options.leaderElection },
      {
        onStartedLeading: () => this.serialize(() => this.lead()),
        onStoppedLeading: () => this.serialize(() => this.follow()),
        onError: (error) => deps.log.warn({ err: error }, 'leader election: could not reach the Lease'),
      },
      deps.clock,
    );
  }

  get isLeader(): boolean {
    return this.elector.isLeader;
  }

  get activeController(): DriftWatchController | undefined {
    return this.controller;
  }

  async start(): Promise<{ metricsPort?: number; healthPort?: number }> {
    const host = this.options.host ?? '0.0.0.0';
    const probes = {
      healthy: () => true,
      ready: () => {
        if (this.lastFailure) return { ready: false, reason: this.lastFailure };
        if (!this.elector.isLeader) return { ready: true, reason: 'standby: another replica leads' };
        const ready = this.controller?.ready ?? false;
        return { ready, reason: ready ? 'leading: watches synced' : 'leading: watches not synced yet' };
      },
    };
    const ports: { metricsPort?: number; healthPort?: number } = {};
    try {
      await this.listen(probes, ports, host);
    } catch (error) {
      await Promise.all(this.servers.splice(0).map((s) => s.close()));
      throw error;
    }
    this.deps.log.info({ identity: this.options.identity, lease: `${this.options.leaseNamespace}/${this.options.leaseName}`, ...ports }, 'operator started');
    this.elector.start();
    return ports;
  }

  private async listen(probes: Probes, ports: { metricsPort?: number; healthPort?: number }, host: string): Promise<void> {
    const { metricsPort, healthPort } = this.options;
    if (metricsPort !== undefined && metricsPort === healthPort) {
      const server = await serveEndpoints(metricsPort, { metrics: this.deps.metrics.registry, probes }, host);
      this.servers.push(server);
      ports.metricsPort = ports.healthPort = server.port;
    } else {
      if (metricsPort !== undefined) {
        const server = await serveEndpoints(metricsPort, { metrics: this.deps.metrics.registry }, host);
        this.servers.push(server);
        ports.metricsPort = server.port;
      }
      if (healthPort !== undefined) {
        const server = await serveEndpoints(healthPort, { probes }, host);
        this.servers.push(server);
        ports.healthPort = server.port;
      }
    }
  }

  async stop(): Promise<void> {
    this.retryTimer?.cancel();
    await this.serialize(() => this.follow());
    await this.elector.stop();
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
    this.deps.log.info('operator stopped');
  }

  /** Leadership changes run one at a time, and a failed one never becomes an unhandled rejection. */
  private serialize(step: () => Promise<void>): Promise<void> {
    const guarded = () => step().catch((error: unknown) => this.deps.log.error({ err: error }, 'leadership change failed'));
    this.transition = this.transition.then(guarded);
    return this.transition;
  }

  private async lead(): Promise<void> {
    if (this.controller) return;
    this.deps.log.info({ identity: this.options.identity }, 'became the leader');
    const controller = new DriftWatchController({ ...this.deps }, { ...DEFAULT_CONTROLLER_OPTIONS, ...this.options.controller });
    try {
      await controller.start();
      this.controller = controller;
      this.lastFailure = undefined;
      this.failedStarts = 0;
    } catch (error) {
      this.lastFailure = error instanceof Error ? error.message : String(error);
      this.deps.log.error({ err: error }, this.lastFailure);
      await controller.stop();
      // Still holding the Lease, so no other replica will try: keep trying (CRDs not yet
      // installed, discovery briefly failing) with backoff for as long as this one leads.
      const delay = Math.min(60_000, 2_000 * 2 ** this.failedStarts++);
      this.retryTimer = this.deps.clock.setTimeout(() => {
        if (this.elector.isLeader) void this.serialize(() => this.lead());
      }, delay);
    }
  }

  private async follow(): Promise<void> {
    const controller = this.controller;
    if (!controller) return;
    this.controller = undefined;
    this.deps.log.info('stopping the controller: no longer the leader');
    await controller.stop();
  }
}
