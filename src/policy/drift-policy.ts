import type { Severity } from '../model/index.js';

export const POLICY_API_VERSION = 'driftback.dev/v1alpha1';
export const POLICY_KIND = 'DriftPolicy';

/** Which objects a rule applies to; every present key must match. */
export interface RuleMatch {
  /** API groups; `""` is the core group. */
  apiGroups?: string[];
  kinds?: string[];
  /** Cluster-scoped objects never match a namespaces list. */
  namespaces?: string[];
}

export interface PolicyRule {
  name: string;
  match?: RuleMatch;
  /** CEL; `true` means the drift is acceptable. */
  expression: string;
  message: string;
  severity: Severity;
  /** Where the rule comes from (hardening guide section, PSS control). */
  reference?: string;
}

/** A validated DriftPolicy, from a file or from the cluster. */
export interface DriftPolicy {
  apiVersion: typeof POLICY_API_VERSION;
  kind: typeof POLICY_KIND;
  metadata: { name: string };
  spec: { rules: PolicyRule[] };
}
