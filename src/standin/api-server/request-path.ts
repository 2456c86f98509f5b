/** A path under `/api/v1` or `/apis/{group}/{version}` that names resources, not discovery. */
export interface ResourcePath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type ParsedPath =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'core-versions' }
  | { kind: 'group-list' }
  | { kind: 'group'; group: string }
  | { kind: 'resource-list'; group: string; version: string }
  | { kind: 'resource'; path: ResourcePath }
  | { kind: 'unknown' };

/** Namespaces have subresources of their own, so `/namespaces/x/status` is not a resource named status. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const HEALTH_PATHS = new Set(['healthz', 'livez', 'readyz']);

export function parsePath(pathname: string): ParsedPath {
  const segments = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const [root, ...rest] = segments;
  if (root === 'version' && rest.length === 0) return { kind: 'version' };
  if (root !== undefined && HEALTH_PATHS.has(root)) return { kind: 'health' };
  if (root === 'api') {
    const [version, ...tail] = rest;
    if (version === undefined) return { kind: 'core-versions' };
    if (version !== 'v1') return { kind: 'unknown' };
    return resourceOrList('', version, tail);
  }
  if (root === 'apis') {
    const [group, version, ...tail] = rest;
    if (group === undefined) return { kind: 'group-list' };
    if (version === undefined) return { kind: 'group', group };
    return resourceOrList(group, version, tail);
  }
  return { kind: 'unknown' };
}

function resourceOrList(group: string, version: string, tail: string[]): ParsedPath {
  if (tail.length === 0) return { kind: 'resource-list', group, version };
  const namespaced = tail[0] === 'namespaces' && tail.length >= 3 && !(tail.length === 3 && NAMESPACE_SUBRESOURCES.has(tail[2] ?? ''));
  const [namespace, resource, name, subresource, extra] = namespaced ? tail.slice(1) : [undefined, ...tail];
  if (resource === undefined || extra !== undefined) return { kind: 'unknown' };
  return { kind: 'resource', path: { group, version, resource, namespace, name, subresource } };
}
