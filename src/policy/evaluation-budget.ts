import type { ASTNode } from '@marcbachmann/cel-js';
import { COMPREHENSION_MACROS } from './expression-limits.js';

/**
 * A per-evaluation budget. cel-js has no cost limit of its own (cel-go's is what Kubernetes
 * uses), so the compiled AST is instrumented: each comprehension step costs one iteration,
 * string and list concatenation results are size-checked, and the clock is a backstop for
 * expensive single steps. `all` and `exists` absorb a failing step and go on iterating, so once
 * the budget is exceeded their steps return the value that ends the loop instead of throwing;
 * `||` absorbs errors too, so the caller checks `exceeded` afterwards and fails closed.
 */
export interface EvaluationLimits {
  maxIterations: number;
  /** Longest string or list a concatenation may produce. */
  maxValueLength: number;
  timeBudgetMs: number;
}

export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = {
  maxIterations: 50_000,
  maxValueLength: 1_000_000,
  timeBudgetMs: 100,
};

const CLOCK_EVERY = 16;

export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError';
}

export class EvaluationBudget {
  private iterations = 0;
  private deadline = 0;
  exceeded: string | undefined;

  constructor(
    private readonly limits: EvaluationLimits,
    private readonly now: () => number,
  ) {}

  /** The clock starts at the first clock check: most evaluations end before one and never read it. */
  start(): void {
    this.iterations = 0;
    this.exceeded = undefined;
    this.deadline = 0;
  }

  /** Counts one step; once exceeded, returns true without counting. */
  step(): boolean {
    if (this.exceeded) return true;
    this.iterations++;
    if (this.iterations > this.limits.maxIterations) this.exceed(`more than ${this.limits.maxIterations} iterations`);
    if (this.iterations % CLOCK_EVERY === 0) this.checkClock();
    return false;
  }

  checkSize(value: unknown): void {
    if (this.exceeded) throw new BudgetExceededError(this.exceeded);
    if ((typeof value === 'string' || Array.isArray(value)) && value.length > this.limits.maxValueLength) {
      this.exceed(`a value longer than ${this.limits.maxValueLength}`);
    }
    this.checkClock();
  }

  private checkClock(): void {
    const now = this.now();
    if (this.deadline === 0) this.deadline = now + this.limits.timeBudgetMs;
    else if (now > this.deadline) this.exceed(`more than ${this.limits.timeBudgetMs} ms`);
  }

  private exceed(what: string): never {
    this.exceeded = `cost budget exceeded: ${what}`;
    throw new BudgetExceededError(this.exceeded);
  }
}

/** The step value that ends each error-absorbing quantifier at once. */
const LOOP_ENDS = new Map<string, boolean>([
  ['all', false],
  ['exists', true],
]);

type Evaluate = (evaluator: unknown, node: unknown, context: unknown) => unknown;

/** The parts of cel-js's ASTNode that are not in its type declarations. */
interface InternalNode {
  op: string;
  args: unknown;
  evaluate: Evaluate;
  meta: { alternate?: InternalNode; macro?: { evaluate: Evaluate }; evaluate: Evaluate };
}

/**
 * Wraps comprehension steps and `+` of a type-checked AST. Must run after check(): checking
 * picks the evaluate functions that are wrapped here. Throws when a comprehension is not where
 * cel-js 8 puts it, so a library upgrade fails compilation instead of running unbounded.
 */
export function instrumentAst(ast: ASTNode, budget: EvaluationBudget): void {
  const visit = (node: InternalNode): void => {
    const alternate = node.meta?.alternate;
    if (node.op === 'rcall' && alternate?.op !== 'comprehension') {
      const [name, , args] = node.args as [string, unknown, unknown[]];
      if (COMPREHENSION_MACROS.has(name) && (args.length === 2 || args.length === 3)) {
        throw new Error(`cannot bound the cost of ${name}() with this cel-js version`);
      }
    }
    if (alternate?.op === 'comprehension') {
      const { step } = alternate.args as { step: InternalNode };
      const loopEnd = LOOP_ENDS.get((node.args as [string])[0]);
      const evaluate = resolveEvaluate(step);
      step.evaluate = (evaluator, self, context) => {
        if (!budget.step()) return evaluate(evaluator, self, context);
        if (loopEnd === undefined) throw new BudgetExceededError(budget.exceeded);
        return loopEnd;
      };
    }
    if (node.op === '+') {
      const evaluate = resolveEvaluate(node);
      node.evaluate = (evaluator, self, context) => {
        const value = evaluate(evaluator, self, context);
        budget.checkSize(value);
        return value;
      };
    }
    for (const child of internalChildren(alternate ?? node)) visit(child);
  };
  visit(ast as unknown as InternalNode);
}

function resolveEvaluate(node: InternalNode): Evaluate {
  const { alternate, macro, evaluate } = node.meta;
  if (alternate) return (evaluator, _self, context) => alternate.evaluate(evaluator, alternate, context);
  if (macro) return (evaluator, _self, context) => macro.evaluate(evaluator, macro, context);
  return evaluate;
}

function internalChildren(node: InternalNode): InternalNode[] {
  const found: InternalNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isNode(value)) found.push(value);
  };
  if (node.op === 'comprehension') {
    const args = node.args as Record<string, unknown>;
    collect([args.iterable, args.init, args.step]);
  } else if (node.op !== 'value' && node.op !== 'id') {
    collect(node.args);
  }
  return found;
}

function isNode(value: unknown): value is InternalNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'meta' in value;
}
