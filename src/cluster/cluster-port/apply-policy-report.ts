import type { KubeObject } from '../../model/index.js';
import { getJson, sendJson } from '../api-request.js';
import { ClusterError } from '../cluster-error.js';
import type { ClusterConnection } from '../connect-cluster.js';
import { resourcePath } from '../list-resource.js';
import type { ResourceCatalog } from '../resource-catalog.js';
import { describeObject, objectPath } from './object-path.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';

/**
 * Creates or replaces a PolicyReport, or a ClusterPolicyReport without a namespace (GET, then PUT
 * with its resourceVersion or POST). A write
 * that loses a race (409) is tried once more from a fresh read. False, without an error, when
 * the cluster does not serve PolicyReports: the CRD is optional.
 */
export async function applyPolicyReport(
  connection: ClusterConnection,
  discover: () => Promise<ResourceCatalog>,
  namespace: string | undefined,
  report: KubeObject,
  fieldManager: string,
): Promise<boolean> {
  const kind = namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport';
  const info = (await discover()).lookup(POLICY_REPORT_API_VERSION, kind);
  if (!info) return false;
  const name = report.metadata.name;
  const what = describeObject(info, namespace, name);
  const query = { fieldManager };
  for (let attempt = 1; ; attempt++) {
    try {
      const current = await readResourceVersion(connection, objectPath(info, namespace, name), what);
      const metadata = { ...report.metadata, ...(namespace !== undefined ? { namespace } : {}), ...(current !== undefined ? { resourceVersion: current } : {}) };
      const body = { ...report, apiVersion: POLICY_REPORT_API_VERSION, kind, metadata };
      if (current === undefined) await sendJson(connection, 'POST', resourcePath(info, namespace), body, { attempt: `create ${what}`, query });
      else await sendJson(connection, 'PUT', objectPath(info, namespace, name), body, { attempt: `replace ${what}`, query });
      return true;
    } catch (error) {
      if (!(error instanceof ClusterError)) throw error;
      // 404 on the collection: the CRD was removed since discovery.
      if (error.status === 404) return false;
      if (error.status === 409 && attempt === 1) continue;
      throw error;
    }
  }
}

async function readResourceVersion(connection: ClusterConnection, path: string, what: string): Promise<string | undefined> {
  try {
    const current = (await getJson(connection, path, `read ${what}`)) as KubeObject;
    return current.metadata.resourceVersion ?? '';
  } catch (error) {
    if (error instanceof ClusterError && error.status === 404) return undefined;
    throw error;
  }
}
