import { getJson } from '../api-request.js';
import { ClusterError } from '../cluster-error.js';
import type { ClusterConnection } from '../connect-cluster.js';
import { builtin, describeObject, objectPath } from './object-path.js';

const SECRETS = builtin('', 'v1', 'Secret', 'secrets');

/** A Secret's `data`, decoded; undefined when it does not exist. The values stay in memory only. */
export async function readSecret(connection: ClusterConnection, namespace: string, name: string): Promise<Record<string, string> | undefined> {
  let secret: { data?: Record<string, string> };
  try {
    secret = (await getJson(connection, objectPath(SECRETS, namespace, name), `read ${describeObject(SECRETS, namespace, name)}`)) as typeof secret;
  } catch (error) {
    if (error instanceof ClusterError && error.status === 404) return undefined;
    throw error;
  }
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) decoded[key] = Buffer.from(value, 'base64').toString('utf8');
  return decoded;
}
