import { getJson } from './api-request.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';
import { createResourceCatalog, type ResourceCatalog, type ResourceInfo } from './resource-catalog.js';
import { mapLimit } from './map-limit.js';

const DISCOVERY_CONCURRENCY = 8;

interface APIVersions {
  versions?: string[];
}
interface APIGroupList {
  groups?: { name: string; versions?: { groupVersion: string; version: string }[] }[];
}
interface APIResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

/**
 * Reads /api, /apis and every served group version (all versions, not only the preferred one:
 * Git may pin any served version). A group version whose discovery answers with an error
 * status, as a broken aggregated API does with 503, is skipped with a warning: one broken
 * metrics-server must not stop a scan of Deployments. Failing /api or /apis, or losing the
 * connection, fails discovery as a whole.
 */
export async function discoverResources(connection: ClusterConnection): Promise<ResourceCatalog> {
  const [core, groups] = await Promise.all([
    getJson(connection, '/api', 'discover the API (GET /api)') as Promise<APIVersions>,
    getJson(connection, '/apis', 'discover the API groups (GET /apis)') as Promise<APIGroupList>,
  ]);
  const groupVersions = [
    ...(core.versions ?? []).map((version) => ({ group: '', version, path: `/api/${version}` })),
    ...(groups.groups ?? []).flatMap((group) =>
      (group.versions ?? []).map((entry) => ({ group: group.name, version: entry.version, path: `/apis/${entry.groupVersion}` })),
    ),
  ];
  const unavailable = new Map<string, string>();
  const lists = await mapLimit(groupVersions, DISCOVERY_CONCURRENCY, async ({ group, version, path }) => {
    const groupVersion = group === '' ? version : `${group}/${version}`;
    try {
      const list = (await getJson(connection, path, `discover ${groupVersion} (GET ${path})`)) as APIResourceList;
      return toResourceInfos(group, version, list);
    } catch (error) {
      if (!(error instanceof ClusterError) || error.status === undefined) throw error;
      unavailable.set(groupVersion, error.message);
      return [];
    }
  });
  return createResourceCatalog(lists.flat(), unavailable);
}

function toResourceInfos(group: string, version: string, list: APIResourceList): ResourceInfo[] {
  return (list.resources ?? [])
    .filter((resource) => !resource.name.includes('/'))
    .map((resource) => ({
      group,
      version,
      kind: resource.kind,
      resource: resource.name,
      namespaced: resource.namespaced,
      verbs: resource.verbs ?? [],
    }));
}
