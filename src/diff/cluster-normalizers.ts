import type { KubeObject } from '../model/index.js';
import { controllerFields, scaleTargetsOf, type ControllerFieldRule } from './controllers/index.js';
import { crdDefaults, type CrdSchemas } from './crd/index.js';
import { SERVER_DEFAULTS } from './default-normalizers.js';
import type { Normalizer } from './normalizer.js';

export interface ClusterKnowledge {
  /** The CRDs of the custom kinds compared. */
  schemas: CrdSchemas;
  /** Every HorizontalPodAutoscaler known, in Git and live. */
  autoscalers: Iterable<KubeObject>;
  /** The user's entries of the controller-fields table. */
  controllerFields?: readonly ControllerFieldRule[];
}

/** The three normalizers of a comparison against a cluster: server defaults, CRD schema defaults, controller fields. */
export function clusterNormalizers(knowledge: ClusterKnowledge): Normalizer[] {
  const facts = { scaleTargets: scaleTargetsOf(knowledge.autoscalers), replicasPaths: knowledge.schemas.replicasPaths() };
  return [SERVER_DEFAULTS, crdDefaults(knowledge.schemas), controllerFields(facts, knowledge.controllerFields)];
}
