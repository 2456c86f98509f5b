import { loadBaseline, resolveNamespaces, type RenderSettings } from '../baseline/index.js';
import { connectCluster, discoverResources, listLiveObjects, type ClusterConnection } from '../cluster/index.js';
import { compareObjects, DEFAULT_GIT_MANAGERS } from '../diff/index.js';
import { fieldSources } from '../kustomize/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, BaselineProblem } from '../model/manifest.js';
import { objectKey } from '../model/object-ref.js';
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
  /** How Kustomize roots are rendered; binaries are looked up on `env.PATH`. */
  kustomize?: Omit<RenderSettings, 'pathVariable'>;
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
 * The one-shot pipeline: cluster first (an unreachable cluster fails before any clone), then the
 * baseline, then one list per resource and namespace, then diff and policy for every object.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const connection = await connectCluster({ kubeconfig: options.kubeconfig, context: options.context, env: options.env });
  const catalog = await discoverResources(connection);
  const loaded = await loadBaseline({
    repo: options.repo,
    revision: options.revision,
    paths: options.paths,
    token: options.token,
    cwd: options.cwd,
    kustomize: { ...options.kustomize, pathVariable: options.env.PATH },
  });
  const namespace = options.namespace ?? connection.namespace;
  const resolved = resolveNamespaces(loaded.manifests, (apiVersion, kind) => catalog.scopeOf(apiVersion, kind), namespace);
  const baseline: Baseline = { ...loaded, manifests: resolved.manifests, problems: [...loaded.problems, ...resolved.problems] };

  const compareOptions = {
    trustedManagers: options.trustedManagers,
    ignorePointers: options.ignorePointers,
    gitManagers: options.gitManagers?.length ? [...DEFAULT_GIT_MANAGERS, ...options.gitManagers] : undefined,
  };
  const { objects: live, errors } = await listLiveObjects(connection, catalog, baseline.manifests.map((m) => m.ref));
  const policies = options.policies;
  const report = buildReport({
    baseline,
    live,
    errors,
    compare: (liveObject, gitObject) => compareObjects(liveObject, gitObject, compareOptions),
    classify: policies ? (input) => classifyDrift(policies, input) : undefined,
    explain: options.explain,
  });
  if (options.explain) explainRenderedFields(report, baseline, live);
  return { report, baseline, problems: baseline.problems, live, connection };
}

/** `--explain` on a rendered object names the file that set each drifted field. */
function explainRenderedFields(report: DriftReport, baseline: Baseline, live: ReadonlyMap<string, KubeObject>): void {
  const manifests = new Map(baseline.manifests.map((manifest) => [objectKey(manifest.ref), manifest]));
  for (const result of report.results) {
    const tree = result.source.root === undefined ? undefined : baseline.kustomize?.get(result.source.root);
    const manifest = manifests.get(objectKey(result.object));
    if (result.status !== 'Drifted' || !tree || !manifest) continue;
    result.setBy = fieldSources(tree, manifest, live.get(objectKey(result.object)), result.changes);
  }
}
