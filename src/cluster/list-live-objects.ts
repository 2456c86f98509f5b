import { objectKey, type KubeObject, type ObjectRef } from '../model/index.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';
import { listResource } from './list-resource.js';
import { createLimiter } from './limit-concurrency.js';
import type { ResourceCatalog, ResourceInfo } from './resource-catalog.js';

const LIST_CONCURRENCY = 8;

export interface LiveObjects {
  /** By objectKey of the requested ref; a ref with no entry in either map is missing from the cluster. */
  objects: Map<string, KubeObject>;
  /** By objectKey: why the object could not be read (a kind the cluster does not serve). */
  errors: Map<string, string>;
}

/** What a (resource, namespace) list gave: its objects by name, or the 404 of a kind that went away. */
type ListResult = Map<string, KubeObject> | 'gone';

export interface LiveListing {
  /** Starts the lists these refs need, if not started yet; their failures wait for `finish`. */
  want(refs: readonly ObjectRef[]): void;
  /** The live objects of exactly these refs; only the lists they need can fail the call. */
  finish(refs: readonly ObjectRef[]): Promise<LiveObjects>;
}

/**
 * Lists while the refs are still being found: a scan calls `want` as each manifest file is parsed,
 * so the API server answers while the YAML is read. The lists are the same ones `finish` alone
 * would send (one per resource and namespace); a list started for refs that `finish` no longer
 * asks for, say a duplicate dropped from the baseline, is ignored, failure included.
 * `namespace` is where refs without one are looked up, as namespace resolution will place them.
 */
export function startLiveListing(
  connection: ClusterConnection,
  catalog: Promise<ResourceCatalog>,
  namespace = connection.namespace,
): LiveListing {
  const limit = createLimiter(LIST_CONCURRENCY);
  const lists = new Map<string, Promise<ListResult>>();

  const listFor = (known: ResourceCatalog, ref: ObjectRef): Promise<ListResult> | string => {
    const info = known.lookup(ref.apiVersion, ref.kind);
    if (!info) return notServed(connection, known, ref);
    if (info.verbs.length > 0 && !info.verbs.includes('list')) {
      return `${ref.apiVersion} ${ref.kind} is served by the cluster at ${connection.server} but cannot be listed`;
    }
    const where = info.namespaced ? (ref.namespace ?? namespace) : undefined;
    const key = `${info.group}/${info.version}/${info.resource}/${where ?? ''}`;
    let list = lists.get(key);
    if (!list) {
      list = limit(() => listByName(connection, info, where));
      // Marked handled here: a failure is reported by `finish`, and only when a ref still needs the list.
      list.catch(() => undefined);
      lists.set(key, list);
    }
    return list;
  };

  return {
    want(refs) {
      catalog.then((known) => refs.forEach((ref) => listFor(known, ref))).catch(() => undefined);
    },
    async finish(refs) {
      const known = await catalog;
      const objects = new Map<string, KubeObject>();
      const errors = new Map<string, string>();
      const pending: Promise<void>[] = [];
      for (const ref of refs) {
        const list = listFor(known, ref);
        if (typeof list === 'string') {
          errors.set(objectKey(ref), list);
          continue;
        }
        pending.push(
          list.then((byName) => {
            // Discovery said it is served, the list says it is not: the CRD went away in between.
            if (byName === 'gone') errors.set(objectKey(ref), `${notServed(connection, known, ref)} (404 on list)`);
            else if (byName.has(ref.name)) objects.set(objectKey(ref), byName.get(ref.name)!);
          }),
        );
      }
      await Promise.all(pending);
      return { objects, errors };
    },
  };
}

/**
 * Reads the live objects the refs name with one list per (resource, namespace), not a GET per
 * object. A ref whose kind the cluster does not serve gets a per-object error; anything that
 * makes the scan as a whole impossible (unreachable, 401, 403, timeout, 5xx) throws ClusterError.
 * A namespaced ref without a namespace is looked up in the connection's namespace.
 */
export function listLiveObjects(connection: ClusterConnection, catalog: ResourceCatalog, refs: readonly ObjectRef[]): Promise<LiveObjects> {
  return startLiveListing(connection, Promise.resolve(catalog)).finish(refs);
}

async function listByName(connection: ClusterConnection, info: ResourceInfo, namespace: string | undefined): Promise<ListResult> {
  try {
    const { items } = await listResource(connection, info, namespace !== undefined ? { namespace } : {});
    return new Map(items.map((item) => [item.metadata.name, item]));
  } catch (error) {
    if (!(error instanceof ClusterError) || error.status !== 404) throw error;
    return 'gone';
  }
}

function notServed(connection: ClusterConnection, catalog: ResourceCatalog, ref: ObjectRef): string {
  const reason = catalog.unavailable(ref.apiVersion);
  return reason
    ? `${ref.apiVersion} ${ref.kind} cannot be looked up: ${reason}`
    : `${ref.apiVersion} ${ref.kind} is not served by the cluster at ${connection.server}`;
}
