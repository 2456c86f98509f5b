/**
 * Identity of an object is group/kind/namespace/name; apiVersion is an attribute, so a Git
 * `apps/v1` manifest pairs with the live object however the server serves it (gitops-engine's
 * ResourceKey does the same).
 */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

export function objectKey(ref: ObjectRef): string {
  return `${groupOf(ref.apiVersion)}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** Human form used in messages: `Deployment shop/web`, `ClusterRole admin`. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Whether any of `names` names the object's kind, written `Deployment` or `apps/Deployment`. */
export function kindMatches(ref: ObjectRef, names: readonly string[]): boolean {
  const grouped = `${groupOf(ref.apiVersion)}/${ref.kind}`;
  return names.some((name) => name === ref.kind || name === grouped);
}
