import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { loadPolicyObject, parsePolicyDocuments, PolicyError } from '../../../src/policy/index.js';
import { policyYaml } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/policies/${name}`, import.meta.url), 'utf8');

function parseError(text: string): PolicyError {
  try {
    parsePolicyDocuments(text, 'p.yaml');
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('parsePolicyDocuments', () => {
  it('reads every document of a multi-document file', () => {
    const loaded = parsePolicyDocuments(fixture('guardrails.yaml'), 'guardrails.yaml');
    expect(loaded.map(({ origin, policy }) => [origin, policy.metadata.name])).toEqual([
      ['guardrails.yaml', 'guardrails'],
      ['guardrails.yaml', 'scaling'],
    ]);
    expect(loaded[1]?.policy.spec.rules[0]).toEqual({
      name: 'replicas-within-bounds',
      match: { kinds: ['Deployment'] },
      expression: "changes.all(c, c.path == '/spec/replicas') && object.spec.replicas >= 2 && object.spec.replicas <= 10",
      message: 'only replicas may drift, within 2..10',
      severity: 'low',
      reference: 'team runbook, scaling',
    });
  });

  it('skips empty documents and defaults severity to medium', () => {
    const text = `---\n${policyYaml([{ expression: 'true' }])}---\n`;
    expect(parsePolicyDocuments(text, 'p.yaml')[0]?.policy.spec.rules[0]?.severity).toBe('medium');
  });

  it.each([
    ['a file that does not parse', 'kind: [unclosed', /^p\.yaml:1:\d+: does not parse: /],
    [
      'a wrong kind',
      'apiVersion: driftback.dev/v1alpha1\nkind: ConfigMap\nmetadata: {name: x}\n',
      /^p\.yaml: expected apiVersion driftback\.dev\/v1alpha1 kind DriftPolicy, got driftback\.dev\/v1alpha1 ConfigMap$/,
    ],
    [
      'a wrong apiVersion',
      'apiVersion: v1\nkind: DriftPolicy\nmetadata: {name: x}\n',
      /^p\.yaml: expected apiVersion .* got v1 DriftPolicy$/,
    ],
    ['a policy without a name', 'apiVersion: driftback.dev/v1alpha1\nkind: DriftPolicy\nspec: {rules: []}\n', /^p\.yaml: metadata\.name is required$/],
    [
      'a policy without rules',
      'apiVersion: driftback.dev/v1alpha1\nkind: DriftPolicy\nmetadata: {name: x}\nspec: {rules: []}\n',
      /^p\.yaml: policy x: spec\.rules must be a non-empty list$/,
    ],
    ['a rule without a name', policyYaml([{ name: '', expression: 'true' }]), /^p\.yaml: policy test: spec\.rules\[0\] has no name$/],
    [
      'a duplicate rule name',
      policyYaml([{ name: 'a', expression: 'true' }, { name: 'a', expression: 'false' }]),
      /^p\.yaml: policy test rule a: duplicate rule name$/,
    ],
    [
      'a severity outside the four',
      policyYaml([{ name: 'a', expression: 'true', severity: 'urgent' }]),
      /^p\.yaml: policy test rule a: severity must be one of low\|medium\|high\|critical, got "urgent"$/,
    ],
    ['a missing expression', policyYaml([{ name: 'a', expression: '' }]), /^p\.yaml: policy test rule a: expression is required$/],
    ['a missing message', policyYaml([{ name: 'a', expression: 'true', message: '' }]), /^p\.yaml: policy test rule a: message is required$/],
    [
      'a misspelt match key',
      policyYaml([{ name: 'a', expression: 'true', match: { kind: ['Pod'] } }]),
      /^p\.yaml: policy test rule a: unknown match field kind$/,
    ],
    [
      'a match list that is not strings',
      policyYaml([{ name: 'a', expression: 'true', match: { kinds: 'Pod' } }]),
      /^p\.yaml: policy test rule a: match\.kinds must be a list of strings$/,
    ],
  ])('refuses %s', (_case, text, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.origin).toMatch(/^p\.yaml/);
  });

  it('names policy and rule on the error object', () => {
    const error = parseError(policyYaml([{ name: 'a', expression: 'true', severity: 'x' }]));
    expect([error.policy, error.rule]).toEqual(['test', 'a']);
  });
});

describe('loadPolicyObject', () => {
  it('validates a cluster object with the same rules as a file', () => {
    const object = {
      apiVersion: 'driftback.dev/v1alpha1',
      kind: 'DriftPolicy',
      metadata: { name: 'guardrails', uid: 'u', resourceVersion: '7' },
      spec: { rules: [{ name: 'r', expression: 'true', message: 'm', severity: 'low' }] },
    };
    expect(loadPolicyObject(object)).toEqual({
      origin: 'DriftPolicy guardrails',
      policy: {
        apiVersion: 'driftback.dev/v1alpha1',
        kind: 'DriftPolicy',
        metadata: { name: 'guardrails' },
        spec: { rules: [{ name: 'r', expression: 'true', message: 'm', severity: 'low' }] },
      },
    });
    expect(() => loadPolicyObject({ ...object, spec: { rules: [{ name: 'r', expression: 'true' }] } })).toThrow(
      'DriftPolicy guardrails: policy guardrails rule r: message is required',
    );
  });
});
