import { objectKey, type KubeObject, type ObjectRef } from '../model/index.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';
import { listResource } from './list-resource.js';
import { mapLimit } from './map-limit.js';
import type { ResourceCatalog, ResourceInfo } from './resource-catalog.js';

const LIST_CONCURRENCY = 8;

export interface LiveObjects {
  /** By objectKey of the requested ref; a ref with no entry in either map is missing from the cluster. */
  objects: Map<string, KubeObject>;
  /** By objectKey: why the object could not be read (a kind the cluster does not serve). */
  errors: Map<string, string>;
}

interface ListJob {
  info: ResourceInfo;
  namespace?: string;
  refs: ObjectRef[];
}

/**
 * Reads the live objects the refs name with one list per (resource, namespace), not a GET per
 * object. A ref whose kind the cluster does not serve gets a per-object error; anything that
 * makes the scan as a whole impossible (unreachable, 401, 403, timeout, 5xx) throws ClusterError.
 * A namespaced ref without a namespace is looked up in the connection's namespace.
 */
export async function listLiveObjects(
  connection: ClusterConnection,
  catalog: ResourceCatalog,
  refs: ObjectRef[],
): Promise<LiveObjects> {
  const objects = new Map<string, KubeObject>();
  const errors = new Map<string, string>();
  const jobs = new Map<string, ListJob>();
  for (const ref of refs) {
    const info = catalog.lookup(ref.apiVersion, ref.kind);
    if (!info) {
      errors.set(objectKey(ref), notServed(connection, catalog, ref));
      continue;
    }
    if (info.verbs.length > 0 && !info.verbs.includes('list')) {
      errors.set(objectKey(ref), `${ref.apiVersion} ${ref.kind} is served by the cluster at ${connection.server} but cannot be listed`);
      continue;
    }
    const namespace = info.namespaced ? (ref.namespace ?? connection.namespace) : undefined;
    const jobKey = `${info.group}/${info.version}/${info.resource}/${namespace ?? ''}`;
    const job = jobs.get(jobKey) ?? { info, ...(namespace !== undefined ? { namespace } : {}), refs: [] };
    job.refs.push(ref);
    jobs.set(jobKey, job);
  }
  await mapLimit([...jobs.values()], LIST_CONCURRENCY, async ({ info, namespace, refs: wanted }) => {
    let items: KubeObject[];
    try {
      ({ items } = await listResource(connection, info, namespace !== undefined ? { namespace } : {}));
    } catch (error) {
      // Discovery said it is served, the list says it is not: the CRD went away in between.
      if (!(error instanceof ClusterError) || error.status !== 404) throw error;
      for (const ref of wanted) errors.set(objectKey(ref), `${notServed(connection, catalog, ref)} (404 on list)`);
      return;
    }
    const byName = new Map(items.map((item) => [item.metadata.name, item]));
    for (const ref of wanted) {
      const live = byName.get(ref.name);
      if (live) objects.set(objectKey(ref), live);
    }
  });
  return { objects, errors };
}

function notServed(connection: ClusterConnection, catalog: ResourceCatalog, ref: ObjectRef): string {
  const reason = catalog.unavailable(ref.apiVersion);
  return reason
    ? `${ref.apiVersion} ${ref.kind} cannot be looked up: ${reason}`
    : `${ref.apiVersion} ${ref.kind} is not served by the cluster at ${connection.server}`;
}
