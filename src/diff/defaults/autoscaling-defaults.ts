/**
 * HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/defaults.go): minReplicas, a CPU metric when
 * none is given, and, only when `behavior` is present, the missing scaleUp/scaleDown rules
 * (scaleDown's stabilization window stays unset: the controller flag decides it).
 * PodDisruptionBudget has no defaults in policy/v1.
 */
import type { JsonValue } from '../../model/index.js';
import type { RuleGroup } from './compile-table.js';
import { isDeepStrictEqual } from 'node:util';
import { getIn } from './conditions.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const DEFAULT_METRICS: JsonValue = [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
];
const SCALE_UP_POLICIES: JsonValue = [
  { type: 'Pods', value: 4, periodSeconds: 15 },
  { type: 'Percent', value: 100, periodSeconds: 15 },
];
const SCALE_DOWN_POLICIES: JsonValue = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

function whole(path: readonly string[], expected: JsonValue) {
  return (ctx: DefaultContext): boolean => {
    const actual = getIn(ctx.root, path);
    return actual !== undefined && isDeepStrictEqual(actual, expected);
  };
}

function listLeaves(path: string, fields: readonly string[], expected: JsonValue, detail: string): DefaultRule[] {
  const isDefault = whole(path.split('.'), expected);
  return fields.map((field) => derived(`${path}.*.${field}`, isDefault, detail));
}

const HPA_RULES: readonly DefaultRule[] = [
  fixed('spec.minReplicas', 1, 'HorizontalPodAutoscalerSpec.minReplicas'),
  fixed('spec.targetCPUUtilizationPercentage', 80, 'autoscaling/v1 targetCPUUtilizationPercentage'),
  ...listLeaves(
    'spec.metrics',
    ['type', 'resource.name', 'resource.target.type', 'resource.target.averageUtilization'],
    DEFAULT_METRICS,
    'API server default for HorizontalPodAutoscalerSpec.metrics (CPU at 80% utilization)',
  ),
  fixed('spec.behavior.scaleUp.stabilizationWindowSeconds', 0, 'HPAScalingRules.stabilizationWindowSeconds', 'for scaleUp'),
  fixed('spec.behavior.scaleUp.selectPolicy', 'Max', 'HPAScalingRules.selectPolicy'),
  fixed('spec.behavior.scaleDown.selectPolicy', 'Max', 'HPAScalingRules.selectPolicy'),
  ...listLeaves('spec.behavior.scaleUp.policies', ['type', 'value', 'periodSeconds'], SCALE_UP_POLICIES, 'API server default for scaleUp policies (4 pods or 100% per 15s)'),
  ...listLeaves('spec.behavior.scaleDown.policies', ['type', 'value', 'periodSeconds'], SCALE_DOWN_POLICIES, 'API server default for scaleDown policies (100% per 15s)'),
];

export const AUTOSCALING_GROUPS: readonly RuleGroup[] = [
  { kinds: ['autoscaling/HorizontalPodAutoscaler'], prefixes: [[]], rules: HPA_RULES },
  {
    kinds: ['scheduling.k8s.io/PriorityClass'],
    prefixes: [[]],
    rules: [fixed('preemptionPolicy', 'PreemptLowerPriority', 'PriorityClass.preemptionPolicy')],
  },
];
