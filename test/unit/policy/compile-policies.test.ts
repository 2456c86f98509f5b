import { describe, expect, it } from '@jest/globals';
import { compilePolicies, parsePolicyDocuments, PolicyError, type LoadedPolicy } from '../../../src/policy/index.js';
import { compileRules, policyYaml } from './helpers.js';

function compileError(expression: string): string {
  try {
    compileRules([{ name: 'r', expression }]);
  } catch (error) {
    if (error instanceof PolicyError) return error.message;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('compilePolicies', () => {
  it.each([
    ['a syntax error', 'object.spec.replicas <=', /^test\.yaml: policy test rule r: does not compile: /],
    ['an unknown variable', 'request.user == "x"', /^test\.yaml: policy test rule r: does not compile: unknown variable: request/i],
    ['an unknown function', 'object.spec.frobnicate()', /does not compile: found no matching overload for 'dyn\.frobnicate\(\)'/],
    ['a type error', '1 + "a" == 2', /does not compile: no such overload: int \+ string/],
    ['a string result', '"yes"', /^test\.yaml: policy test rule r: expression must yield bool, not string$/],
    ['an int result', 'size(changes)', /expression must yield bool, not int$/],
    ['a list result', 'changes.map(c, c.path)', /expression must yield bool, not list/],
  ])('refuses %s with file, policy, rule and reason', (_case, expression, message) => {
    const text = compileError(expression);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('accepts dyn results, which are checked when evaluated', () => {
    expect(() => compileRules([{ expression: 'object.spec.paused' }])).not.toThrow();
  });

  it('compiles all or nothing', () => {
    const good = parsePolicyDocuments(policyYaml([{ expression: 'true' }], 'good'), 'good.yaml');
    const bad = parsePolicyDocuments(policyYaml([{ name: 'x', expression: '(' }], 'bad'), 'bad.yaml');
    expect(() => compilePolicies([...good, ...bad])).toThrow(/^bad\.yaml: policy bad rule x: does not compile/);
  });

  it('refuses two policies with one name', () => {
    const first: LoadedPolicy[] = parsePolicyDocuments(policyYaml([{ expression: 'true' }], 'same'), 'a.yaml');
    const second = parsePolicyDocuments(policyYaml([{ expression: 'true' }], 'same'), 'b.yaml');
    expect(() => compilePolicies([...first, ...second])).toThrow('b.yaml: policy same: duplicate policy name (also in a.yaml)');
  });
});
