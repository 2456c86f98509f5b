import type { KubeObject } from '../model/index.js';
import { getJson } from './api-request.js';
import type { ClusterConnection } from './connect-cluster.js';
import { apiVersionOf, qualifiedResource, type ResourceInfo } from './resource-catalog.js';

const PAGE_SIZE = 500;

export interface ResourceList {
  /** With kind and apiVersion set: list items from a real API server carry neither. */
  items: KubeObject[];
  resourceVersion: string;
}

export interface ListOptions {
  /** For namespaced resources: one namespace, or all namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  signal?: AbortSignal;
}

interface ListBody {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

export function resourcePath(info: ResourceInfo, namespace?: string): string {
  const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  return info.namespaced && namespace !== undefined
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${info.resource}`
    : `${base}/${info.resource}`;
}

/** `list deployments.apps in namespace shop`: what was attempted, as messages name it. */
export function describeList(verb: string, info: ResourceInfo, namespace?: string): string {
  const where = !info.namespaced ? ' (cluster-scoped)' : namespace === undefined ? ' in all namespaces' : ` in namespace ${namespace}`;
  return `${verb} ${qualifiedResource(info)}${where}`;
}

/** Lists every page of one resource in one namespace (or cluster-wide). */
export async function listResource(connection: ClusterConnection, info: ResourceInfo, options: ListOptions = {}): Promise<ResourceList> {
  const path = resourcePath(info, options.namespace);
  const attempt = describeList('list', info, options.namespace);
  const apiVersion = apiVersionOf(info);
  const items: KubeObject[] = [];
  let resourceVersion = '';
  let token: string | undefined;
  do {
    const query = { limit: PAGE_SIZE, continue: token, labelSelector: options.labelSelector };
    const page = (await getJson(connection, path, attempt, {
      query,
      ...(options.signal ? { signal: options.signal } : {}),
    })) as ListBody;
    for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind: info.kind });
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    token = page.metadata?.continue || undefined;
  } while (token !== undefined);
  return { items, resourceVersion };
}
