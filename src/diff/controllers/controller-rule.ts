import type { JsonValue, KubeObject } from '../../model/index.js';

/**
 * Facts about the cluster beyond one object that decide whether a controller owns a field: which
 * HorizontalPodAutoscalers (in Git or live) scale which object, and where a custom resource keeps
 * its replicas (the CRD's scale subresource).
 */
export interface ClusterFacts {
  /** `namespace/name` of the HPA scaling each object, by objectKey. */
  scaleTargets?: ReadonlyMap<string, string>;
  /** The spec replicas path of custom resources with a scale subresource, by `group/Kind`. */
  replicasPaths?: ReadonlyMap<string, readonly string[]>;
}

/** A field a controller writes, on one object. */
export interface OwnedField {
  /** Segments from the object root; '*' for any list element or map key. Owns what lies below too. */
  pattern: readonly string[];
  /** The controller's field managers, beside the control plane's: a person's write is still drift. */
  managers: readonly string[];
  detail: string;
  /** Narrows the field to certain values (a finalizer among others); all differences when absent. */
  matches?(live: JsonValue | undefined, git: JsonValue | undefined): boolean;
}

/**
 * One well-known controller and what it owns. Each rule cites where the behaviour is documented;
 * `fieldsOf` answers for one object, so a rule costs nothing on objects it does not concern.
 */
export interface ControllerRule {
  name: string;
  docs: string;
  fieldsOf(live: KubeObject, git: KubeObject, facts: ClusterFacts): readonly OwnedField[] | undefined;
}
