import type { ResourceInfo } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline } from '../model/manifest.js';
import type { DriftResult } from '../model/report.js';
import type { CompiledPolicySet } from '../policy/index.js';
import type { Clock } from './clock.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import type { LiveCache } from './live-cache.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { BaselinePort, ClusterPort } from './ports.js';

export interface PullRequestRef {
  number?: number;
  url?: string;
  branch: string;
  action: string;
}

export interface RuntimeDeps {
  cluster: ClusterPort;
  baselines: BaselinePort;
  cache: LiveCache;
  /** The policies a DriftWatch names (all DriftPolicies when it names none); throws PolicyError. */
  resolvePolicies(names: string[] | undefined): CompiledPolicySet | undefined;
  /** Codifies compliant drift; absent when the operator runs without pull-request support. */
  ensurePullRequests?(input: PullRequestRun): Promise<PullRequestRef[]>;
  driftWatchResource: ResourceInfo;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** Field managers whose writes are drift in no DriftWatch (`run --trusted-manager`), beside each one's own. */
  trustedManagers?: readonly string[];
  /** Wait this long for outputs after a live change, so a burst of edits yields one update. */
  debounceMs: number;
  syncTimeoutMs: number;
  onVerdict?(key: string, result: DriftResult, latencyMs: number): void;
}

export interface PullRequestRun {
  spec: DriftWatchSpec;
  results: DriftResult[];
  baseline: Baseline;
  live: ReadonlyMap<string, KubeObject>;
  /** Values of the Secrets in Git and in the cache, in every spelling: never to be codified or shown. */
  secretValues: string[];
  gitToken?: string;
  /** The data of the Secret that spec.pullRequests.github.secretRef names: `token`, or a GitHub App's keys. */
  githubCredentials?: Record<string, string>;
}
