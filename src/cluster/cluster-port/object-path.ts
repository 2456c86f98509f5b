import { resourcePath } from '../list-resource.js';
import type { ResourceInfo } from '../resource-catalog.js';

export function objectPath(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return `${resourcePath(info, namespace)}/${encodeURIComponent(name)}`;
}

/** `secrets shop/git-auth`, `driftpolicies.driftback.dev guardrails`: an object as messages name it. */
export function describeObject(info: Pick<ResourceInfo, 'group' | 'resource'>, namespace: string | undefined, name: string): string {
  const resource = info.group === '' ? info.resource : `${info.resource}.${info.group}`;
  return `${resource} ${namespace ? `${namespace}/` : ''}${name}`;
}

export function builtin(group: string, version: string, kind: string, resource: string): ResourceInfo {
  return { group, version, kind, resource, namespaced: true, verbs: [] };
}
