/**
 * A DriftWatch is tenant input: anyone who may create one in any namespace steers the operator's
 * git and GitHub access. What the operator's own flags allow, checked before anything is cloned
 * or pushed; a refusal is an InvalidSpecError (Stalled until the spec changes).
 */
import { InvalidSpecError } from './drift-watch-spec.js';

/** Transports beyond https and ssh that `--allow-repo-protocols` may add. ext:: and fd:: never. */
export const OPTIONAL_PROTOCOLS = ['file', 'http'] as const;
export type OptionalProtocol = (typeof OPTIONAL_PROTOCOLS)[number];

export interface TenantPolicy {
  /** Beyond https and ssh (scp-style included); the demo and tests add file. */
  extraProtocols: readonly OptionalProtocol[];
  /** owner/name patterns (`*` within a segment) pull requests may target; any when absent. */
  githubRepositories?: readonly string[];
  /** Every git command of a clone or push is stopped after this long. */
  gitTimeoutMs: number;
}

export const DEFAULT_TENANT_POLICY: TenantPolicy = { extraProtocols: [], gitTimeoutMs: 5 * 60_000 };

/** The git transports a DriftWatch's repository may use (GIT_ALLOW_PROTOCOL). */
export function gitProtocols(policy: TenantPolicy): string[] {
  return ['https', 'ssh', ...policy.extraProtocols];
}

const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;

/** The transport git would use for `repo`: a URL scheme, ssh for scp-like, file for a path. */
export function transportOf(repo: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(repo)?.[1];
  if (scheme) return scheme.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*::/i.test(repo)) return repo.slice(0, repo.indexOf('::')).toLowerCase();
  if (SCP_LIKE.test(repo)) return 'ssh';
  return 'file';
}

export function admitSource(source: { repo: string; paths: readonly string[] }, policy: TenantPolicy): void {
  const transport = transportOf(source.repo);
  const allowed = gitProtocols(policy);
  if (!allowed.includes(transport)) {
    const how = (OPTIONAL_PROTOCOLS as readonly string[]).includes(transport) ? ` unless the operator runs with --allow-repo-protocols ${transport}` : '';
    throw new InvalidSpecError(`spec.source.repo uses the ${transport} transport, which this operator refuses${how} (allowed: ${allowed.join(', ')})`);
  }
  for (const path of source.paths) {
    if (path.startsWith('/') || path.split('/').includes('..')) throw new InvalidSpecError(`spec.source.paths entry "${path}" leaves the repository`);
  }
}

function matches(pattern: string, repository: string): boolean {
  const expression = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`, 'i');
  return expression.test(repository);
}

/** Whether this operator may open pull requests on `repository` (owner/name). */
export function pullRequestTargetAllowed(repository: string, policy: TenantPolicy): boolean {
  const patterns = policy.githubRepositories;
  return !patterns || patterns.some((pattern) => matches(pattern, repository));
}
