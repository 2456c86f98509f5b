import { customKindsInGit, loadBaseline, resolveNamespaces, type RenderSettings } from '../baseline/index.js';
import { connectCluster, discoverResources, readClusterFacts, startLiveListing, type ClusterConnection } from '../cluster/index.js';
import { clusterNormalizers, compareObjects, CrdSchemas, gitManagersWith, type ControllerFieldRule } from '../diff/index.js';
import { fieldSources } from '../kustomize/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, BaselineProblem } from '../model/manifest.js';
import { kindMatches, objectKey, type ObjectRef } from '../model/object-ref.js';
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
  /** Report `kubectl rollout restart` as drift instead of as a restart. */
  restartAsDrift?: boolean;
  /** Files larger than this are refused; default 5 MiB. */
  maxFileBytes?: number;
  /** Path globs of files and directories not read. */
  exclude?: string[];
  /** Kinds (`Deployment`, `apps/Deployment`) not compared. */
  excludeKinds?: string[];
  /** Fields controllers write, beside the built-in table. */
  controllerFields?: ControllerFieldRule[];
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
  /** Objects read from Git but left out by `excludeKinds`. */
  excludedObjects: number;
  /** What could not be read of the cluster beyond the objects (a CRD, the HPAs of a namespace). */
  warnings: string[];
}

/**
 * The one-shot pipeline: discovery beside the clone, and one list per resource and namespace
 * started as soon as a parsed file names it, so the API server and git work while the YAML is
 * read; a failed discovery stops the clone and is the failure reported. Then diff and policy
 * for every object.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const connection = await connectCluster({ kubeconfig: options.kubeconfig, context: options.context, env: options.env });
  const namespace = options.namespace ?? connection.namespace;
  const excludeKinds = options.excludeKinds ?? [];
  const discovery = discoverResources(connection);
  const listing = startLiveListing(connection, discovery, namespace);
  // An unreachable cluster is reported at once: the clone and the reading stop, the checkout goes.
  const abandon = new AbortController();
  discovery.catch(() => abandon.abort(new Error('cluster discovery failed')));
  const [discovered, cloned] = await Promise.allSettled([
    discovery,
    loadBaseline({
      repo: options.repo,
      revision: options.revision,
      paths: options.paths,
      maxFileBytes: options.maxFileBytes,
      exclude: options.exclude,
      token: options.token,
      cwd: options.cwd,
      kustomize: { ...options.kustomize, pathVariable: options.env.PATH },
      onManifests: (manifests) => listing.want(manifests.filter((m) => !kindMatches(m.ref, excludeKinds)).map((m) => m.ref)),
      signal: abandon.signal,
    }),
  ]);
  if (discovered.status === 'rejected') throw discovered.reason;
  if (cloned.status === 'rejected') throw cloned.reason;
  const catalog = discovered.value;
  const loaded = cloned.value;
  const customKinds = customKindsInGit(loaded.manifests, catalog);
  const kept = loaded.manifests.filter((manifest) => !kindMatches(manifest.ref, excludeKinds));
  const resolved = resolveNamespaces(kept, customKinds.scopeOf, namespace);
  const baseline: Baseline = { ...loaded, manifests: resolved.manifests, problems: [...loaded.problems, ...resolved.problems] };

  const missingReasons = new Map<string, string>();
  const listed: ObjectRef[] = [];
  for (const { ref } of baseline.manifests) {
    const notInstalled = customKinds.notInstalled(ref);
    if (notInstalled) missingReasons.set(objectKey(ref), notInstalled);
    else listed.push(ref);
  }
  // The facts are read beside the lists; when both fail, the lists' failure is the one reported, as before.
  const [listedLive, readFacts] = await Promise.allSettled([listing.finish(listed), readClusterFacts(connection, catalog, listed)]);
  if (listedLive.status === 'rejected') throw listedLive.reason;
  if (readFacts.status === 'rejected') throw readFacts.reason;
  const { objects: live, errors } = listedLive.value;
  const facts = readFacts.value;
  const schemas = new CrdSchemas();
  for (const crd of facts.crds) schemas.update(crd);
  const compareOptions = {
    trustedManagers: options.trustedManagers,
    ignorePointers: options.ignorePointers,
    restartAsDrift: options.restartAsDrift,
    gitManagers: gitManagersWith(options.gitManagers),
    normalizers: clusterNormalizers({ schemas, autoscalers: [...facts.hpas, ...baseline.manifests.map((m) => m.object)], controllerFields: options.controllerFields }),
  };
  const policies = options.policies;
  const report = buildReport({
    baseline,
    live,
    errors,
    missingReasons,
    compare: (liveObject, gitObject) => compareObjects(liveObject, gitObject, compareOptions),
    classify: policies ? (input) => classifyDrift(policies, input) : undefined,
    explain: options.explain,
  });
  if (options.explain) explainRenderedFields(report, baseline, live);
  return { report, baseline, problems: baseline.problems, live, connection, excludedObjects: loaded.manifests.length - kept.length, warnings: facts.warnings };
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
