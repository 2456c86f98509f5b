import type { KubeObject, ObjectRef } from '../model/index.js';
import { groupOf } from '../model/index.js';
import { getJson } from './api-request.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';
import { listResource } from './list-resource.js';
import { mapLimit } from './map-limit.js';
import type { ResourceCatalog } from './resource-catalog.js';

const CONCURRENCY = 8;
/** API groups Kubernetes itself serves: no CRD defines them, so none is asked for. */
const BUILT_IN_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

export interface ClusterFactObjects {
  /** The CRDs that define the custom kinds of the refs. */
  crds: KubeObject[];
  /** The HorizontalPodAutoscalers of the namespaces holding scalable refs. */
  hpas: KubeObject[];
  /** What could not be read, one line each: the diff then knows less and may report more. */
  warnings: string[];
}

/** A 403 or 404 leaves one fact unknown; anything else (unreachable, 5xx) fails the scan as a list would. */
function unknowable(error: unknown): error is ClusterError {
  return error instanceof ClusterError && (error.status === 403 || error.status === 404);
}

/**
 * What the diff needs beyond the objects themselves (diff/controllers, diff/crd): the CRD of each
 * custom kind the refs name (one GET each, by its `<plural>.<group>` name; a 404 means the kind is
 * aggregated) and the HPAs that may scale them, in Git or not.
 */
export async function readClusterFacts(connection: ClusterConnection, catalog: ResourceCatalog, refs: readonly ObjectRef[]): Promise<ClusterFactObjects> {
  const warnings: string[] = [];
  const crdNames = new Set<string>();
  const hpaNamespaces = new Set<string>();
  for (const ref of refs) {
    const info = catalog.lookup(ref.apiVersion, ref.kind);
    // What an HPA can scale: the apps workloads, ReplicationControllers, custom resources.
    if (ref.namespace !== undefined && (groupOf(ref.apiVersion) !== '' || ref.kind === 'ReplicationController')) hpaNamespaces.add(ref.namespace);
    if (info && info.group !== '' && !BUILT_IN_GROUPS.has(info.group)) crdNames.add(`${info.resource}.${info.group}`);
  }
  const crds = await mapLimit([...crdNames], CONCURRENCY, async (name) => {
    try {
      return (await getJson(connection, `${CRD_PATH}/${name}`, `get customresourcedefinition ${name}`)) as KubeObject;
    } catch (error) {
      if (!unknowable(error)) throw error;
      if (error.status === 403) warnings.push(`${error.message}: the schema defaults of ${name} are not known`);
      return undefined;
    }
  });
  const hpa = catalog.lookup('autoscaling/v2', 'HorizontalPodAutoscaler') ?? catalog.lookup('autoscaling/v1', 'HorizontalPodAutoscaler');
  const hpas = !hpa
    ? []
    : await mapLimit([...hpaNamespaces], CONCURRENCY, async (namespace) => {
        try {
          return (await listResource(connection, hpa, { namespace })).items;
        } catch (error) {
          if (!unknowable(error)) throw error;
          warnings.push(`${error.message}: replicas an HPA outside Git sets in ${namespace} would read as drift`);
          return [];
        }
      });
  return { crds: crds.filter((crd): crd is KubeObject => crd !== undefined), hpas: hpas.flat(), warnings };
}
