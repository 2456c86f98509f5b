import type { KubeObject, ObjectRef } from '../model/index.js';
import { getJson } from './api-request.js';
import { autoscalerResource, factNeeds } from './fact-needs.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';
import { listResource } from './list-resource.js';
import { mapLimit } from './map-limit.js';
import type { ResourceCatalog } from './resource-catalog.js';

const CONCURRENCY = 8;
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
  const { crdNames, hpaNamespaces } = factNeeds(catalog, refs);
  const crds = await mapLimit([...crdNames], CONCURRENCY, async (name) => {
    try {
      return (await getJson(connection, `${CRD_PATH}/${name}`, `get customresourcedefinition ${name}`)) as KubeObject;
    } catch (error) {
      if (!unknowable(error)) throw error;
      if (error.status === 403) warnings.push(`${error.message}: the schema defaults of ${name} are not known`);
      return undefined;
    }
  });
  const hpa = autoscalerResource(catalog);
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
