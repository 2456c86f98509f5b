import type { Change, KubeObject } from '../../../src/model/index.js';
import { compilePolicies, parsePolicyDocuments, type CompiledPolicySet } from '../../../src/policy/index.js';

export interface RuleSpec {
  name?: string;
  expression: string;
  message?: string;
  severity?: string;
  match?: Record<string, unknown>;
}

/** A one-policy YAML document; rule fields are written as JSON, which is valid YAML. */
export function policyYaml(rules: RuleSpec[], name = 'test'): string {
  const body = rules.map((rule) =>
    JSON.stringify({ name: rule.name ?? 'rule', message: rule.message ?? 'violated', ...rule }),
  );
  return [
    'apiVersion: driftback.dev/v1alpha1',
    'kind: DriftPolicy',
    `metadata: { name: ${name} }`,
    'spec:',
    '  rules:',
    ...body.map((rule) => `    - ${rule}`),
    '',
  ].join('\n');
}

export function compileRules(rules: RuleSpec[]): CompiledPolicySet {
  return compilePolicies(parsePolicyDocuments(policyYaml(rules), 'test.yaml'));
}

export function deployment(podSpec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 3, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
    ...extra,
  };
}

export function drift(object: KubeObject, oldObject: KubeObject = object, changes: Change[] = []) {
  return { object, oldObject, changes };
}
