import { sendJson } from '../api-request.js';
import type { ClusterConnection } from '../connect-cluster.js';
import type { ResourceInfo } from '../resource-catalog.js';
import { describeObject, objectPath } from './object-path.js';

/** Merge-patches the status subresource of a custom resource that declares one. */
export async function writeStatus(
  connection: ClusterConnection,
  resource: ResourceInfo,
  namespace: string,
  name: string,
  status: object,
  fieldManager: string,
): Promise<void> {
  await sendJson(connection, 'PATCH', `${objectPath(resource, resource.namespaced ? namespace : undefined, name)}/status`, { status }, {
    attempt: `update the status of ${describeObject(resource, resource.namespaced ? namespace : undefined, name)}`,
    contentType: 'application/merge-patch+json',
    query: { fieldManager },
  });
}
