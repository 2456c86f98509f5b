import type { KubeObject } from '../../model/index.js';
import { compileCrd, type CrdVersion } from './crd-schema.js';

/**
 * The CRDs a cluster serves, compiled once per generation: a CRD's schema changes only with its
 * generation, so an operator that follows CRD changes recompiles only what changed.
 */
export class CrdSchemas {
  private readonly byName = new Map<string, { stamp: string; versions: CrdVersion[] }>();
  private readonly byKind = new Map<string, CrdVersion[]>();

  /** True when the CRD's schema changed (or is new). */
  update(crd: KubeObject): boolean {
    const stamp = `${crd.metadata.uid ?? ''}/${crd.metadata.generation ?? 0}`;
    const known = this.byName.get(crd.metadata.name);
    if (known?.stamp === stamp) return false;
    this.forget(crd.metadata.name);
    const versions = compileCrd(crd);
    this.byName.set(crd.metadata.name, { stamp, versions });
    for (const version of versions) {
      const key = `${version.group}/${version.kind}`;
      this.byKind.set(key, [...(this.byKind.get(key) ?? []), version]);
    }
    return true;
  }

  forget(name: string): void {
    const known = this.byName.get(name);
    if (!known) return;
    this.byName.delete(name);
    for (const version of known.versions) this.byKind.delete(`${version.group}/${version.kind}`);
  }

  lookup(group: string, kind: string, version: string): CrdVersion | undefined {
    return this.byKind.get(`${group}/${kind}`)?.find((v) => v.version === version);
  }

  /** The replicas path of every custom resource with a scale subresource, by `group/Kind`. */
  replicasPaths(): Map<string, readonly string[]> {
    const paths = new Map<string, readonly string[]>();
    for (const versions of this.byKind.values()) {
      for (const v of versions) if (v.replicasPath) paths.set(`${v.group}/${v.kind}`, v.replicasPath);
    }
    return paths;
  }
}
