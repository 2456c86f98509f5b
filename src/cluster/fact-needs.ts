import { groupOf, type ObjectRef } from '../model/index.js';
import type { ResourceCatalog, ResourceInfo } from './resource-catalog.js';

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

export interface FactNeeds {
  /** `<plural>.<group>` of the CRD of each custom kind the refs name. */
  crdNames: Set<string>;
  /** Namespaces holding something an HPA can scale. */
  hpaNamespaces: Set<string>;
}

/**
 * Which cluster facts comparing these refs depends on (diff/cluster-normalizers.ts): the scan
 * reads exactly these, the operator watches the CRDs and HPAs when any is needed.
 */
export function factNeeds(catalog: ResourceCatalog, refs: readonly ObjectRef[]): FactNeeds {
  const crdNames = new Set<string>();
  const hpaNamespaces = new Set<string>();
  for (const ref of refs) {
    const info = catalog.lookup(ref.apiVersion, ref.kind);
    // What an HPA can scale: the apps workloads, ReplicationControllers, custom resources.
    if (ref.namespace !== undefined && (groupOf(ref.apiVersion) !== '' || ref.kind === 'ReplicationController')) hpaNamespaces.add(ref.namespace);
    if (info && info.group !== '' && !BUILT_IN_GROUPS.has(info.group)) crdNames.add(`${info.resource}.${info.group}`);
  }
  return { crdNames, hpaNamespaces };
}

export function autoscalerResource(catalog: ResourceCatalog): ResourceInfo | undefined {
  return catalog.lookup('autoscaling/v2', 'HorizontalPodAutoscaler') ?? catalog.lookup('autoscaling/v1', 'HorizontalPodAutoscaler');
}
