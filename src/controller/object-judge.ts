/**
 * Judges one object against its manifest, as the DriftWatch's spec, its policies and the cluster's
 * facts (CRD schemas, HPAs: diff/cluster-normalizers.ts) call for. It remembers those facts as
 * last seen, so a changed CRD or HPA has only the objects it concerns judged again.
 */
import { clusterNormalizers, compareObjects, CrdSchemas, gitManagersWith, scaleTargetsOf, type CompareOptions, type Normalizer } from '../diff/index.js';
import type { Manifest } from '../model/manifest.js';
import { objectKey } from '../model/object-ref.js';
import type { DriftResult } from '../model/report.js';
import { classifyDrift, type CompiledPolicySet } from '../policy/index.js';
import { judgeManifest } from '../report/build-report.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import type { RuntimeDeps } from './runtime-deps.js';
import type { ClusterFacts, ScopedBaseline } from './scope-baseline.js';
import { ignorePointersFor } from './watch-scope.js';

export class ObjectJudge {
  private scoped: Pick<ScopedBaseline, 'manifests' | 'errors' | 'missingReasons'> = { manifests: new Map(), errors: new Map(), missingReasons: new Map() };
  private policySet: CompiledPolicySet | undefined;
  private compareOptions: CompareOptions = {};
  /** The CRDs and HPAs the comparison depends on, watched beside the objects. */
  private facts: ClusterFacts = {};
  private readonly schemas = new CrdSchemas();
  private normalizers: Normalizer[] | undefined;
  /** The object each HPA scaled when last seen, so a deleted HPA's target is compared again. */
  private scaled = new Map<string, string>();

  constructor(
    private readonly deps: Pick<RuntimeDeps, 'cache' | 'trustedManagers'>,
    private readonly spec: () => DriftWatchSpec,
  ) {}

  /** The in-scope manifests of the baseline last scoped, by object key. */
  get manifests(): ReadonlyMap<string, Manifest> {
    return this.scoped.manifests;
  }

  get policies(): CompiledPolicySet | undefined {
    return this.policySet;
  }

  /** Takes the policies and the field managers of the spec a reconcile starts with. */
  configure(policies: CompiledPolicySet | undefined): void {
    this.policySet = policies;
    const spec = this.spec();
    const gitManagers = gitManagersWith(spec.gitManagers);
    this.compareOptions = { trustedManagers: [...(this.deps.trustedManagers ?? []), ...spec.ignore.trustedManagers], ...(gitManagers ? { gitManagers } : {}) };
  }

  scope({ manifests, errors, missingReasons, facts }: ScopedBaseline): void {
    this.scoped = { manifests, errors, missingReasons };
    this.facts = facts;
  }

  owns(key: string): boolean {
    return this.manifests.has(key) || this.factOf(key) !== undefined;
  }

  resultFor(manifest: Manifest): DriftResult {
    const policies = this.policySet;
    const options = { ...this.compareOptions, ignorePointers: ignorePointersFor(manifest.ref, this.spec().ignore.fields), normalizers: this.normalizersNow() };
    return judgeManifest(manifest, {
      live: this.deps.cache,
      errors: this.scoped.errors,
      missingReasons: this.scoped.missingReasons,
      compare: (live, git) => compareObjects(live, git, options),
      classify: policies ? (input) => classifyDrift(policies, input) : undefined,
    });
  }

  /** Once the watches have synced: the facts as they list them. */
  refreshFacts(): void {
    for (const crd of this.facts.crds ? this.deps.cache.objectsOf(this.facts.crds) : []) this.schemas.update(crd);
    this.refreshScaled();
    this.normalizers = undefined;
  }

  /** A CRD whose schema changed, or an HPA: the keys of the objects it concerns, to be judged again. */
  followFact(key: string): string[] {
    const fact = this.factOf(key);
    let affected: string[] = [];
    if (fact === 'crd') {
      const crd = this.deps.cache.get(key);
      const name = key.slice(key.lastIndexOf('/') + 1);
      if (crd && !this.schemas.update(crd)) return [];
      if (!crd) this.schemas.forget(name);
      affected = [...this.manifests.keys()].filter((k) => name.endsWith(`.${k.slice(0, k.indexOf('/'))}`));
    } else if (fact === 'autoscaler') {
      const before = this.scaled.get(key);
      const hpa = this.deps.cache.get(key);
      const after = hpa ? [...scaleTargetsOf([hpa]).keys()][0] : undefined;
      // Most HPA events are its status every 15 s: nothing it scales changed.
      if (after === before) return [];
      if (after === undefined) this.scaled.delete(key);
      else this.scaled.set(key, after);
      affected = [before, after].filter((k): k is string => k !== undefined && this.manifests.has(k));
    } else {
      return [];
    }
    this.normalizers = undefined;
    return affected;
  }

  private factOf(key: string): 'crd' | 'autoscaler' | undefined {
    if (this.facts.crds && key.startsWith('apiextensions.k8s.io/CustomResourceDefinition/')) return 'crd';
    if (this.facts.autoscalers && key.startsWith('autoscaling/HorizontalPodAutoscaler/')) return 'autoscaler';
    return undefined;
  }

  private refreshScaled(): void {
    const hpas = this.facts.autoscalers ? this.deps.cache.objectsOf(this.facts.autoscalers) : [];
    this.scaled = new Map(hpas.flatMap((hpa) => [...scaleTargetsOf([hpa]).keys()].map((target) => [objectKey({ apiVersion: hpa.apiVersion, kind: hpa.kind, namespace: hpa.metadata.namespace, name: hpa.metadata.name }), target] as [string, string])));
  }

  private normalizersNow(): Normalizer[] {
    if (!this.normalizers) {
      const live = this.facts.autoscalers ? this.deps.cache.objectsOf(this.facts.autoscalers) : [];
      const inGit = [...this.manifests.values()].filter((m) => m.ref.kind === 'HorizontalPodAutoscaler').map((m) => m.object);
      this.normalizers = clusterNormalizers({ schemas: this.schemas, autoscalers: [...live, ...inGit], controllerFields: this.spec().controllerFields });
    }
    return this.normalizers;
  }
}
