import type { JsonObject } from '../../model/index.js';
import type { Catalog } from './catalog.js';
import { ALL_VERBS, type ResourceType } from './resource-type.js';

/**
 * Legacy (unaggregated) discovery documents. kubectl asks for aggregated discovery first and
 * falls back to these when the answer is plain `application/json`.
 */
export function versionInfo(): JsonObject {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-standin',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(group: string, versions: string[]): JsonObject {
  const entries = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0] ?? {} };
}

export function groupList(catalog: Catalog): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog.groups().map(({ group, versions }) => groupDocument(group, versions)),
  };
}

export function apiGroup(catalog: Catalog, group: string): JsonObject | undefined {
  const found = catalog.groups().find((g) => g.group === group);
  if (!found) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group, found.versions) };
}

export function resourceList(catalog: Catalog, group: string, version: string): JsonObject | undefined {
  const types = catalog.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(describeResource),
  };
}

function describeResource(type: ResourceType): JsonObject[] {
  const main: JsonObject = {
    name: type.resource,
    singularName: type.singularName,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: [...ALL_VERBS],
  };
  if (type.shortNames.length > 0) main.shortNames = [...type.shortNames];
  if (type.categories.length > 0) main.categories = [...type.categories];
  const subresources = type.subresources.map((sub): JsonObject => {
    const entry: JsonObject = {
      name: `${type.resource}/${sub}`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ['get', 'patch', 'update'],
    };
    return sub === 'scale' ? { ...entry, group: 'autoscaling', version: 'v1', kind: 'Scale' } : entry;
  });
  return [main, ...subresources];
}
