import { getJson, sendJson } from '../api-request.js';
import { ClusterError } from '../cluster-error.js';
import type { ClusterConnection } from '../connect-cluster.js';
import { resourcePath } from '../list-resource.js';
import { builtin, describeObject, objectPath } from './object-path.js';
import type { LeasePort, LeaseRecord } from './port-types.js';

const LEASES = builtin('coordination.k8s.io', 'v1', 'Lease', 'leases');

/**
 * Another replica wrote the Lease first (409 on create or on replace with a stale
 * resourceVersion). Named like the elector's own error, which src/cluster cannot import.
 */
export class LeaseConflictError extends Error {
  override name = 'LeaseConflictError';
}

interface LeaseObject {
  metadata?: { resourceVersion?: string };
  spec?: LeaseRecord;
}

/** A coordination.k8s.io/v1 Lease for leader election, read and written with optimistic concurrency. */
export function leasePort(connection: ClusterConnection, namespace: string, name: string, fieldManager: string): LeasePort {
  const path = objectPath(LEASES, namespace, name);
  const what = describeObject(LEASES, namespace, name);
  const body = (spec: LeaseRecord, resourceVersion?: string) => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
    spec: withMicroTimes(spec),
  });
  const write = async (method: 'POST' | 'PUT', target: string, payload: object, attempt: string): Promise<void> => {
    try {
      await sendJson(connection, method, target, payload, { attempt, query: { fieldManager } });
    } catch (error) {
      if (error instanceof ClusterError && error.status === 409) throw new LeaseConflictError(error.message, { cause: error });
      throw error;
    }
  };
  return {
    get: async () => {
      try {
        const lease = (await getJson(connection, path, `read ${what}`)) as LeaseObject;
        return { spec: lease.spec ?? {}, resourceVersion: lease.metadata?.resourceVersion ?? '' };
      } catch (error) {
        if (error instanceof ClusterError && error.status === 404) return undefined;
        throw error;
      }
    },
    create: (spec) => write('POST', resourcePath(LEASES, namespace), body(spec), `create ${what}`),
    replace: (spec, resourceVersion) => write('PUT', path, body(spec, resourceVersion), `renew ${what}`),
  };
}

/** MicroTime fields must carry six fraction digits: `2026-11-27T10:00:00.000000Z`. */
function withMicroTimes(spec: LeaseRecord): LeaseRecord {
  const micro = (time: string | undefined) => (time === undefined ? undefined : toMicroTime(time));
  const acquireTime = micro(spec.acquireTime);
  const renewTime = micro(spec.renewTime);
  return { ...spec, ...(acquireTime ? { acquireTime } : {}), ...(renewTime ? { renewTime } : {}) };
}

export function toMicroTime(time: string): string {
  const parsed = Date.parse(time);
  if (Number.isNaN(parsed)) return time;
  const fraction = /\.(\d+)(?:Z|[+-]\d\d:\d\d)$/i.exec(time)?.[1] ?? '';
  return `${new Date(parsed).toISOString().slice(0, 19)}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}
