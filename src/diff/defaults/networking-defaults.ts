/**
 * Ingress and NetworkPolicy (pkg/apis/networking/v1/defaults.go). An Ingress has no defaults of
 * its own in networking.k8s.io/v1 (pathType is required); only the DefaultIngressClass admission
 * plugin writes `ingressClassName` when the cluster marks a class as default.
 */
import type { JsonValue } from '../../model/index.js';
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

/** SetDefaults_NetworkPolicy: Ingress always, Egress when egress rules exist. */
function derivedPolicyTypes(ctx: DefaultContext): JsonValue[] {
  const egress = getIn(ctx.root, ['spec', 'egress']);
  return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

const NETWORK_POLICY_RULES: readonly DefaultRule[] = [
  derived(
    'spec.policyTypes',
    (ctx) => {
      const expected = derivedPolicyTypes(ctx);
      return Array.isArray(ctx.value) && ctx.value.length === expected.length && ctx.value.every((t, i) => t === expected[i]);
    },
    'API server default for NetworkPolicySpec.policyTypes (Ingress, plus Egress when egress rules exist)',
  ),
  derived('spec.policyTypes.*', (ctx) => derivedPolicyTypes(ctx).includes(ctx.value), 'API server default for NetworkPolicySpec.policyTypes'),
  fixed('spec.ingress.*.ports.*.protocol', 'TCP', 'NetworkPolicyPort.protocol'),
  fixed('spec.egress.*.ports.*.protocol', 'TCP', 'NetworkPolicyPort.protocol'),
];

const INGRESS_RULES: readonly DefaultRule[] = [
  derived('spec.ingressClassName', (ctx) => typeof ctx.value === 'string', 'set by the DefaultIngressClass admission plugin'),
];

export const NETWORKING_GROUPS: readonly RuleGroup[] = [
  { kinds: ['networking.k8s.io/NetworkPolicy'], prefixes: [[]], rules: NETWORK_POLICY_RULES },
  { kinds: ['networking.k8s.io/Ingress'], prefixes: [[]], rules: INGRESS_RULES },
];
