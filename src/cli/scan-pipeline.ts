import { loadBaseline, resolveNamespaces } from '../baseline/index.js';
import { connectCluster, discoverResources, startLiveListing, type ClusterConnection } from '../cluster/index.js';
import { compareObjects, DEFAULT_GIT_MANAGERS } from '../diff/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, BaselineProblem } from '../model/manifest.js';
import type { DriftReport } from '../model/report.js';
import { classifyDrift, type CompiledPolicySet } from '../policy/index.js';
import { buildReport } from '../report/build-report.js';

export interface ScanOptions {
  repo: string;
  revision?: string;
  paths: string[];
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  policies?: CompiledPolicySet;
  explain: boolean;
  /** Field managers whose writes are not drift (an HPA, cert-manager's cainjector, ...). */
  trustedManagers?: string[];
  /** Field managers that apply Git, beside the built-in ones (server-side apply as `kubectl`, Argo CD's `argocd`). */
  gitManagers?: string[];
  /** JSON Pointers never reported (`*` for any list element or key). */
  ignorePointers?: string[];
  token?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ScanOutcome {
  report: DriftReport;
  baseline: Baseline;
  problems: BaselineProblem[];
  live: Map<string, KubeObject>;
  connection: ClusterConnection;
}

/**
 * The one-shot pipeline: discovery beside the clone, and one list per resource and namespace
 * started as soon as a parsed file names it, so the API server and git work while the YAML is
 * read (a cluster failure is still the one reported when both fail); then diff and policy for
 * every object.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const connection = await connectCluster({ kubeconfig: options.kubeconfig, context: options.context, env: options.env });
  const namespace = options.namespace ?? connection.namespace;
  const discovery = discoverResources(connection);
  const listing = startLiveListing(connection, discovery, namespace);
  const [discovered, cloned] = await Promise.allSettled([
    discovery,
    loadBaseline({
      repo: options.repo,
      revision: options.revision,
      paths: options.paths,
      token: options.token,
      cwd: options.cwd,
      onManifests: (manifests) => listing.want(manifests.map((m) => m.ref)),
    }),
  ]);
  if (discovered.status === 'rejected') throw discovered.reason;
  if (cloned.status === 'rejected') throw cloned.reason;
  const catalog = discovered.value;
  const loaded = cloned.value;
  const resolved = resolveNamespaces(loaded.manifests, (apiVersion, kind) => catalog.scopeOf(apiVersion, kind), namespace);
  const baseline: Baseline = { ...loaded, manifests: resolved.manifests, problems: [...loaded.problems, ...resolved.problems] };

  const compareOptions = {
    trustedManagers: options.trustedManagers,
    ignorePointers: options.ignorePointers,
    gitManagers: options.gitManagers?.length ? [...DEFAULT_GIT_MANAGERS, ...options.gitManagers] : undefined,
  };
  const { objects: live, errors } = await listing.finish(baseline.manifests.map((m) => m.ref));
  const policies = options.policies;
  const report = buildReport({
    baseline,
    live,
    errors,
    compare: (liveObject, gitObject) => compareObjects(liveObject, gitObject, compareOptions),
    classify: policies ? (input) => classifyDrift(policies, input) : undefined,
    explain: options.explain,
  });
  return { report, baseline, problems: baseline.problems, live, connection };
}
