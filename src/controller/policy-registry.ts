import type { KubeObject } from '../model/kube-object.js';
import { PolicyError, builtinPolicy, compilePolicies, loadPolicyObject, type CompiledPolicySet } from '../policy/index.js';

/**
 * The DriftPolicies the cluster holds, plus the built-in packs. Compiled sets are cached per
 * selection and dropped whenever a policy changes, so each rule is compiled once per version.
 */
export class PolicyRegistry {
  private readonly objects = new Map<string, KubeObject>();
  private readonly compiled = new Map<string, CompiledPolicySet | undefined>();

  upsert(object: KubeObject): void {
    this.objects.set(object.metadata.name, object);
    this.compiled.clear();
  }

  remove(object: KubeObject): void {
    this.objects.delete(object.metadata.name);
    this.compiled.clear();
  }

  /** `names` as a DriftWatch lists them (DriftPolicy names or `builtin:<pack>`); all DriftPolicies when absent. */
  resolve(names: string[] | undefined): CompiledPolicySet | undefined {
    const cacheKey = names ? JSON.stringify(names) : '*';
    if (this.compiled.has(cacheKey)) return this.compiled.get(cacheKey);
    const selected = names ?? [...this.objects.keys()].sort();
    const loaded = selected.flatMap((name) => {
      if (name.startsWith('builtin:')) {
        const pack = builtinPolicy(name.slice('builtin:'.length));
        if (!pack) throw new PolicyError({ origin: name }, 'no such built-in policy pack');
        return pack;
      }
      const object = this.objects.get(name);
      if (!object) throw new PolicyError({ origin: `DriftPolicy ${name}` }, 'not found in the cluster');
      return [loadPolicyObject(object, `DriftPolicy ${name}`)];
    });
    const set = loaded.length > 0 ? compilePolicies(loaded) : undefined;
    this.compiled.set(cacheKey, set);
    return set;
  }
}
