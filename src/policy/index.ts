export * from './drift-policy.js';
export { PolicyError } from './policy-error.js';
export { validatePolicy, type LoadedPolicy } from './validate-policy.js';
export { parsePolicyDocuments, loadPolicyObject } from './parse-policies.js';
export { compilePolicies, type CompiledPolicySet, type CompiledRule, type CompileOptions } from './compile-policies.js';
export {
  classifyDrift,
  evaluateRules,
  toViolation,
  RULE_RESULTS,
  type DriftInput,
  type RuleOutcome,
  type RuleResult,
} from './classify-drift.js';
export { DEFAULT_EVALUATION_LIMITS, type EvaluationLimits } from './evaluation-budget.js';
export { EXPRESSION_LIMITS } from './expression-limits.js';
export { parseQuantity, Quantity } from './quantity.js';
export { builtinPolicy, BUILTIN_POLICY_NAMES } from './builtin/index.js';
