/**
 * Who wrote a field, by field-manager name.
 *
 * The Git manager is identified by a configurable list only, not inferred. Inference ("the
 * manager whose fields cover the Git manifest") is unsound for Update-operation managers: the
 * manager that created an object owns every field it sent, so a person's `kubectl create` or a
 * script with its own client would pass for Git and hide the very fields it added. A missing
 * name in the list shows up as visible drift that `gitManagers` fixes; a wrong guess would hide
 * hand edits silently. `kubectl apply` by hand also writes as kubectl-client-side-apply; the
 * last-applied-configuration tells its fields from Git's (see last-applied.ts).
 */
export const DEFAULT_GIT_MANAGERS: readonly string[] = [
  'kubectl-client-side-apply',
  'argocd-controller',
  'kustomize-controller',
  'helm-controller',
  'Helm',
  'helm',
  'driftback',
  // kubectl's name for fields it migrated from client-side to server-side apply.
  'before-first-apply',
];

/** Control-plane components: fields only they own are the server's doing. */
export const SYSTEM_MANAGERS: ReadonlySet<string> = new Set([
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'cloud-controller-manager',
]);

export const OWNER_GIT = 1;
export const OWNER_SYSTEM = 2;
export const OWNER_TRUSTED = 4;
export const OWNER_PERSON = 8;
/**
 * Set beside OWNER_GIT for a Git manager's Update (client-side apply, create): an Update owns
 * every field its write changed, server defaults included. A server-side Apply owns exactly the
 * fields it applied, never a default, so a field only an Apply from Git owns was in Git once.
 */
export const OWNER_GIT_UPDATE = 16;

export interface ManagerClasses {
  git: ReadonlySet<string>;
  trusted: ReadonlySet<string>;
}

/** The built-in Git managers and `extra` (`--git-manager`, `spec.gitManagers`); undefined when nothing is added. */
export function gitManagersWith(extra: readonly string[] | undefined): readonly string[] | undefined {
  return extra && extra.length > 0 ? [...DEFAULT_GIT_MANAGERS, ...extra] : undefined;
}

export function managerClasses(gitManagers?: readonly string[], trustedManagers?: readonly string[]): ManagerClasses {
  return { git: new Set(gitManagers ?? DEFAULT_GIT_MANAGERS), trusted: new Set(trustedManagers ?? []) };
}

/**
 * Anything not known as Git, control plane or trusted is a person (kubectl-edit, dashboards, Lens,
 * scripts). Nothing applies Git through a subresource: `kubectl scale` writes /scale as `kubectl`,
 * the name server-side apply from Git uses too, so a write through /scale is never Git's.
 */
export function classifyManager(name: string | undefined, classes: ManagerClasses, subresource?: string, operation?: string): number {
  if (name === undefined) return OWNER_PERSON;
  if (classes.git.has(name) && !subresource) return operation === 'Apply' ? OWNER_GIT : OWNER_GIT | OWNER_GIT_UPDATE;
  if (classes.trusted.has(name)) return OWNER_TRUSTED;
  if (SYSTEM_MANAGERS.has(name)) return OWNER_SYSTEM;
  return OWNER_PERSON;
}
