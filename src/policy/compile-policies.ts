import type { ParseResult } from '@marcbachmann/cel-js';
import type { Severity } from '../model/index.js';
import { createPolicyEnvironment } from './cel-environment.js';
import type { RuleMatch } from './drift-policy.js';
import {
  DEFAULT_EVALUATION_LIMITS,
  EvaluationBudget,
  instrumentAst,
  type EvaluationLimits,
} from './evaluation-budget.js';
import { EXPRESSION_LIMITS, findLimitViolation } from './expression-limits.js';
import { RuleIndex } from './match-rules.js';
import { PolicyError } from './policy-error.js';
import type { LoadedPolicy } from './validate-policy.js';
import { collectReads, emptyReads, type VariableReads } from './variable-reads.js';

export interface CompiledRule {
  origin: string;
  policy: string;
  rule: string;
  message: string;
  severity: Severity;
  reference?: string;
  match?: RuleMatch;
  program: ParseResult;
  /** Times this rule ran out of budget; after MAX_BUDGET_FAILURES it is no longer run. */
  budgetFailures: number;
}

export interface CompiledPolicySet {
  policies: LoadedPolicy[];
  rules: CompiledRule[];
  index: RuleIndex<CompiledRule>;
  budget: EvaluationBudget;
  /** What the rules can observe of the variables: only that is converted for CEL. */
  reads: VariableReads;
}

export interface CompileOptions {
  limits?: Partial<EvaluationLimits>;
  /** Milliseconds, monotonic; the evaluation time budget reads it. */
  now?: () => number;
}

const ACCEPTED_RESULT_TYPES = new Set(['bool', 'dyn']);

const environment = createPolicyEnvironment();

/**
 * Compiles every rule once. All-or-nothing: the first rule that does not compile throws a
 * PolicyError naming file, policy, rule and reason, so nothing runs with a half-loaded policy.
 */
export function compilePolicies(policies: LoadedPolicy[], options: CompileOptions = {}): CompiledPolicySet {
  const budget = new EvaluationBudget(
    { ...DEFAULT_EVALUATION_LIMITS, ...options.limits },
    options.now ?? (() => performance.now()),
  );
  const owners = new Map<string, string>();
  const rules: CompiledRule[] = [];
  const reads = emptyReads();
  for (const { origin, policy } of policies) {
    const name = policy.metadata.name;
    const owner = owners.get(name);
    if (owner !== undefined) throw new PolicyError({ origin, policy: name }, `duplicate policy name (also in ${owner})`);
    owners.set(name, origin);
    for (const rule of policy.spec.rules) {
      const fail = (reason: string): never => {
        throw new PolicyError({ origin, policy: name, rule: rule.name }, reason);
      };
      rules.push({
        origin,
        policy: name,
        rule: rule.name,
        message: rule.message,
        severity: rule.severity,
        ...(rule.reference !== undefined ? { reference: rule.reference } : {}),
        ...(rule.match !== undefined ? { match: rule.match } : {}),
        program: compileExpression(rule.expression, budget, fail),
        budgetFailures: 0,
      });
      collectReads(rules[rules.length - 1]!.program.ast, reads);
    }
  }
  return { policies, rules, index: new RuleIndex(rules), budget, reads };
}

function compileExpression(expression: string, budget: EvaluationBudget, fail: (reason: string) => never): ParseResult {
  if (expression.length > EXPRESSION_LIMITS.maxLength) {
    fail(`expression is longer than ${EXPRESSION_LIMITS.maxLength} characters`);
  }
  let program: ParseResult;
  try {
    program = environment.parse(expression);
  } catch (error) {
    return fail(`does not compile: ${describeCelError(error)}`);
  }
  const refused = findLimitViolation(program.ast);
  if (refused) fail(`expression refused: ${refused}`);
  const checked = program.check();
  if (!checked.valid) fail(`does not compile: ${describeCelError(checked.error)}`);
  if (!ACCEPTED_RESULT_TYPES.has(checked.type ?? '')) fail(`expression must yield bool, not ${checked.type}`);
  try {
    instrumentAst(program.ast, budget);
  } catch (error) {
    fail(describeCelError(error));
  }
  return program;
}

/** cel-js messages that quote the value they failed on, which may be a Secret's. */
const VALUE_QUOTING_CODES = new Map([['invalid_duration', 'invalid duration string']]);

/** cel-js messages carry a source excerpt on further lines; keep the first. */
export function describeCelError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const safe = typeof code === 'string' ? VALUE_QUOTING_CODES.get(code) : undefined;
  if (safe) return safe;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1);
}
