import type { ASTNode } from '@marcbachmann/cel-js';

/** Compile-time limits; the parser enforces AST size and depth itself (PARSE_LIMITS). */
export const EXPRESSION_LIMITS = {
  maxLength: 4096,
  /** `a.all(x, b.all(y, c.all(z, ...)))`: each level multiplies the work by a list's size. */
  maxComprehensionNesting: 3,
} as const;

/** The macros that loop; each is a method call with 2 arguments (3 for filtering `map`). */
export const COMPREHENSION_MACROS: ReadonlySet<string> = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Returns why an expression is refused, or undefined. Runs on the parsed AST. */
export function findLimitViolation(ast: ASTNode): string | undefined {
  return walk(ast, 0);
}

function walk(node: ASTNode, nesting: number): string | undefined {
  if (node.op === 'rcall') {
    const [name, receiver, args] = node.args;
    const loops = COMPREHENSION_MACROS.has(name) && (args.length === 2 || args.length === 3);
    if (loops && nesting + 1 > EXPRESSION_LIMITS.maxComprehensionNesting) {
      return `comprehensions nested more than ${EXPRESSION_LIMITS.maxComprehensionNesting} deep`;
    }
    if (name === 'matches') {
      const refused = refuseRegex(args[0]);
      if (refused) return refused;
    }
    return walk(receiver, nesting) ?? first(args, (arg) => walk(arg, loops ? nesting + 1 : nesting));
  }
  return first(childrenOf(node), (child) => walk(child, nesting));
}

function first<T>(items: readonly T[], check: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const found = check(item);
    if (found) return found;
  }
  return undefined;
}

/** The direct subexpressions of a parsed (unchecked) node. */
export function childrenOf(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'map':
      return node.args.flat();
    case '!_':
    case '-_':
      return [node.args];
    default:
      return [...node.args];
  }
}

/**
 * JavaScript regular expressions backtrack (CEL specifies RE2, which does not), so a pattern
 * such as `(a+)+$` can hang the process on a short input. Patterns must be literals, without
 * backreferences, lookarounds, or a repeated group that itself repeats or alternates.
 */
function refuseRegex(pattern: ASTNode | undefined): string | undefined {
  if (!pattern || pattern.op !== 'value' || typeof pattern.args !== 'string') {
    return 'matches() needs a string literal pattern';
  }
  try {
    new RegExp(pattern.args);
  } catch {
    return `invalid regular expression ${JSON.stringify(pattern.args)}`;
  }
  return backtrackingRisk(pattern.args) ? `regular expression ${JSON.stringify(pattern.args)} may backtrack catastrophically` : undefined;
}

function backtrackingRisk(source: string): boolean {
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(source)) return true;
  const groups: Array<{ risky: boolean }> = [];
  let inClass = false;
  let lastGroupRisky = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const closedGroupRisky = lastGroupRisky;
    lastGroupRisky = false;
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      inClass = char !== ']';
      continue;
    }
    const repeats = char === '*' || char === '+' || char === '{';
    if (repeats && closedGroupRisky) return true;
    const current = groups[groups.length - 1];
    if (char === '[') inClass = true;
    else if (char === '(') groups.push({ risky: false });
    else if (char === ')') lastGroupRisky = groups.pop()?.risky ?? false;
    else if ((repeats || char === '|') && current) current.risky = true;
    if (char === ')' && groups.length > 0 && lastGroupRisky) groups[groups.length - 1]!.risky = true;
  }
  return false;
}
