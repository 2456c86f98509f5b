import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import {
  classifyDrift,
  compilePolicies,
  evaluateRules,
  EXPRESSION_LIMITS,
  parsePolicyDocuments,
  PolicyError,
  type RuleOutcome,
} from '../../../src/policy/index.js';
import { compileRules, drift, policyYaml } from './helpers.js';

function compileError(expression: string): string {
  try {
    compileRules([{ name: 'r', expression }]);
  } catch (error) {
    if (error instanceof PolicyError) return error.message;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

const big: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'big', namespace: 'shop' },
  spec: { items: Array.from({ length: 3000 }, (_, i) => i), text: 'x'.repeat(100_000) },
};

describe('compile-time limits', () => {
  it.each([
    ['an over-long expression', `true && ${'true && '.repeat(EXPRESSION_LIMITS.maxLength / 8)}true`, /expression is longer than 4096 characters/],
    ['too many AST nodes', Array.from({ length: 600 }, () => '1').join(' + ') + ' > 0', /does not compile: .*(ast|node)/i],
    [
      'comprehensions nested four deep',
      'changes.all(a, changes.all(b, changes.all(c, changes.all(d, true))))',
      /expression refused: comprehensions nested more than 3 deep/,
    ],
    ['a regex that backtracks catastrophically', 'object.metadata.name.matches("^(a+)+$")', /may backtrack catastrophically/],
    ['a regex with alternation under repetition', 'object.metadata.name.matches("(a|aa)*b")', /may backtrack catastrophically/],
    ['a backreference', 'object.metadata.name.matches("(a)\\\\1")', /may backtrack catastrophically/],
    ['a pattern that is not a literal', 'object.metadata.name.matches(object.metadata.name)', /matches\(\) needs a string literal pattern/],
    ['an invalid regex', 'object.metadata.name.matches("[")', /invalid regular expression "\["/],
  ])('refuses %s', (_case, expression, message) => {
    const text = compileError(expression);
    expect(text).toMatch(/^test\.yaml: policy test rule r: /);
    expect(text).toMatch(message);
  });

  it('accepts three levels of nesting and ordinary regexes', () => {
    expect(() =>
      compileRules([
        { name: 'a', expression: 'changes.all(a, changes.all(b, changes.all(c, true)))' },
        { name: 'b', expression: 'object.metadata.name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")' },
        { name: 'c', expression: 'object.metadata.name.matches("^(web|api)-[0-9]+$")' },
      ]),
    ).not.toThrow();
  });
});

describe('run-time budget', () => {
  const outcome = (expression: string, object: KubeObject = big): RuleOutcome => {
    const [first] = evaluateRules(compileRules([{ name: 'r', expression }]), drift(object));
    if (!first) throw new Error('rule did not match');
    return first;
  };

  it.each([
    ['nested comprehensions over a big list', 'object.spec.items.all(a, object.spec.items.all(b, object.spec.items.all(c, a + b + c >= 0)))'],
    ['map inside map', 'object.spec.items.map(a, object.spec.items.map(b, a * b)).size() > 0'],
    ['an error-absorbing exists', 'object.spec.items.exists(a, object.spec.items.exists(b, object.spec.items.exists(c, c < 0)))'],
    ['an error absorbed by ||', 'object.spec.items.all(a, object.spec.items.all(b, b >= 0)) || true'],
    [
      'strings doubled by cel.bind',
      'cel.bind(a, object.spec.text + object.spec.text, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, size(d + d) > 0))))',
    ],
    ['a list built up by concatenation', 'cel.bind(a, object.spec.items + object.spec.items, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, cel.bind(e, d + d, cel.bind(f, e + e, cel.bind(g, f + f, cel.bind(h, g + g, size(h + h) > 0))))))))'],
  ])('ends %s as an error once its cost budget is spent (a runaway expression would hold the test past its timeout)', (_case, expression) => {
    expect(outcome(expression)).toEqual(expect.objectContaining({ result: 'error', reason: expect.stringMatching(/^cost budget exceeded: /) }));
  });

  it('makes the drift violating, saying why', () => {
    const text = policyYaml([{ name: 'r', expression: 'object.spec.items.all(a, object.spec.items.all(b, true))' }]);
    const set = compilePolicies(parsePolicyDocuments(text, 'test.yaml'), { now: () => 0 });
    expect(classifyDrift(set, drift(big))).toEqual({
      verdict: 'violating',
      violations: [
        { policy: 'test', rule: 'r', message: 'evaluation failed: cost budget exceeded: more than 50000 iterations', severity: 'medium' },
      ],
    });
  });

  it('stops running a rule that keeps exceeding its budget', () => {
    const set = compileRules([{ name: 'r', expression: 'object.spec.items.all(a, object.spec.items.all(b, true))' }]);
    const reasons = Array.from({ length: 5 }, () => evaluateRules(set, drift(big))[0]?.reason);
    expect(reasons.slice(3)).toEqual([
      'not run: the rule exceeded its cost budget 3 times',
      'not run: the rule exceeded its cost budget 3 times',
    ]);
  });

  it('has a time budget for expensive single steps', () => {
    let clock = 0;
    const text = policyYaml([{ name: 'r', expression: 'object.spec.items.all(a, true)' }]);
    const slow = compilePolicies(parsePolicyDocuments(text, 'test.yaml'), { now: () => (clock += 10) });
    expect(evaluateRules(slow, drift(big))[0]?.reason).toBe('cost budget exceeded: more than 100 ms');
  });

  it('lets ordinary rules over ordinary objects through', () => {
    expect(outcome('object.spec.items.all(a, a >= 0)').result).toBe('pass');
  });
});

