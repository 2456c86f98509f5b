import type { Change, KubeObject, Verdict, Violation } from '../model/index.js';
import type { CompiledPolicySet, CompiledRule } from './compile-policies.js';
import { describeCelError } from './compile-policies.js';
import { BudgetExceededError } from './evaluation-budget.js';
import { toCelValue } from './to-cel-value.js';
import { toCelRoot } from './variable-reads.js';

export interface DriftInput {
  /** The live object. */
  object: KubeObject;
  /** The object as Git has it. */
  oldObject: KubeObject;
  changes: Change[];
}

export const RULE_RESULTS = ['pass', 'fail', 'error'] as const;
export type RuleResult = (typeof RULE_RESULTS)[number];

export interface RuleOutcome {
  rule: CompiledRule;
  result: RuleResult;
  /** Why an evaluation failed (only for `error`). */
  reason?: string;
}

/** A rule that blew its budget this often is not run again by this set: each run could cost the whole budget. */
const MAX_BUDGET_FAILURES = 3;

/** Every rule that matches the live object, evaluated once each. */
export function evaluateRules(set: CompiledPolicySet, input: DriftInput): RuleOutcome[] {
  const rules = set.index.select(input.object);
  if (rules.length === 0) return [];
  const context = celContext(set, input);
  return rules.map((rule) => evaluateRule(set, rule, context) ?? { rule, result: 'pass' });
}

/** The variables once per object, converted only as far as the set's rules can read them. */
function celContext(set: CompiledPolicySet, input: DriftInput): Record<string, unknown> {
  const { reads } = set;
  return {
    object: toCelRoot(input.object, reads.object),
    oldObject: toCelRoot(input.oldObject, reads.oldObject),
    changes: reads.changes ? toCelValue(input.changes) : [],
  };
}

/** The outcome of one rule; undefined when it passes, so the common case allocates nothing. */
function evaluateRule(set: CompiledPolicySet, rule: CompiledRule, context: Record<string, unknown>): RuleOutcome | undefined {
  if (rule.budgetFailures >= MAX_BUDGET_FAILURES) {
    return { rule, result: 'error', reason: `not run: the rule exceeded its cost budget ${rule.budgetFailures} times` };
  }
  const { budget } = set;
  budget.start();
  let value: unknown;
  try {
    value = rule.program(context);
  } catch (error) {
    if (error instanceof BudgetExceededError || budget.exceeded) rule.budgetFailures++;
    return { rule, result: 'error', reason: budget.exceeded ?? describeCelError(error) };
  }
  if (budget.exceeded) {
    rule.budgetFailures++;
    return { rule, result: 'error', reason: budget.exceeded };
  }
  if (typeof value !== 'boolean') return { rule, result: 'error', reason: `expression yielded ${describeValue(value)}, not bool` };
  return value ? undefined : { rule, result: 'fail' };
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'bigint') return 'an int';
  if (typeof value === 'number') return 'a double';
  return `a ${typeof value === 'object' ? 'map' : typeof value}`;
}

export function toViolation(outcome: RuleOutcome): Violation | undefined {
  if (outcome.result === 'pass') return undefined;
  const { rule } = outcome;
  return {
    policy: rule.policy,
    rule: rule.rule,
    message: outcome.result === 'error' ? `evaluation failed: ${outcome.reason}` : rule.message,
    severity: rule.severity,
    ...(rule.reference !== undefined ? { reference: rule.reference } : {}),
  };
}

/** `violating` when any matching rule is false or fails to evaluate (fail closed). */
export function classifyDrift(set: CompiledPolicySet, input: DriftInput): Verdict {
  const violations: Violation[] = [];
  const rules = set.index.select(input.object);
  if (rules.length > 0) {
    const context = celContext(set, input);
    for (const rule of rules) {
      const outcome = evaluateRule(set, rule, context);
      if (outcome) violations.push(toViolation(outcome)!);
    }
  }
  return { verdict: violations.length > 0 ? 'violating' : 'compliant', violations };
}
