import { SEVERITIES, isJsonObject, type JsonObject, type Severity } from '../model/index.js';
import {
  POLICY_API_VERSION,
  POLICY_KIND,
  type DriftPolicy,
  type PolicyRule,
  type RuleMatch,
} from './drift-policy.js';
import { PolicyError } from './policy-error.js';

/** A validated policy and where it came from (a file path, `builtin:<name>`, a cluster object). */
export interface LoadedPolicy {
  origin: string;
  policy: DriftPolicy;
}

const RULE_KEYS = new Set(['name', 'match', 'expression', 'message', 'severity', 'reference']);
const MATCH_KEYS = ['apiGroups', 'kinds', 'namespaces'] as const;
const DEFAULT_SEVERITY: Severity = 'medium';

/**
 * The one validator for DriftPolicies, whether parsed from YAML or read from the cluster.
 * Unknown rule and match keys are errors: a misspelt `kind:` would otherwise match everything.
 */
export function validatePolicy(value: unknown, origin: string): LoadedPolicy {
  const fail = (reason: string, policy?: string, rule?: string): never => {
    throw new PolicyError({ origin, policy, rule }, reason);
  };
  if (!isJsonObject(value)) return fail('a DriftPolicy must be a mapping');
  if (value.apiVersion !== POLICY_API_VERSION || value.kind !== POLICY_KIND) {
    return fail(
      `expected apiVersion ${POLICY_API_VERSION} kind ${POLICY_KIND}, got ${String(value.apiVersion)} ${String(value.kind)}`,
    );
  }
  const metadata = value.metadata;
  const name = isJsonObject(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') return fail('metadata.name is required');
  const spec = value.spec;
  const rules = isJsonObject(spec) ? spec.rules : undefined;
  if (!Array.isArray(rules) || rules.length === 0) return fail('spec.rules must be a non-empty list', name);

  const seen = new Set<string>();
  const validated = rules.map((raw, index) => {
    const rule = validateRule(raw, index, (reason, ruleName) => fail(reason, name, ruleName));
    if (seen.has(rule.name)) fail('duplicate rule name', name, rule.name);
    seen.add(rule.name);
    return rule;
  });
  return {
    origin,
    policy: { apiVersion: POLICY_API_VERSION, kind: POLICY_KIND, metadata: { name }, spec: { rules: validated } },
  };
}

type Fail = (reason: string, rule?: string) => never;

function validateRule(raw: unknown, index: number, fail: Fail): PolicyRule {
  if (!isJsonObject(raw)) return fail(`spec.rules[${index}] must be a mapping`);
  const name = raw.name;
  if (typeof name !== 'string' || name.trim() === '') return fail(`spec.rules[${index}] has no name`);
  const failRule = (reason: string): never => fail(reason, name);

  const unknown = Object.keys(raw).filter((key) => !RULE_KEYS.has(key));
  if (unknown.length > 0) failRule(`unknown field ${unknown.join(', ')}`);
  const expression = requireText(raw, 'expression', failRule);
  const message = requireText(raw, 'message', failRule);
  const severity = raw.severity ?? DEFAULT_SEVERITY;
  if (!isSeverity(severity)) {
    return failRule(`severity must be one of ${SEVERITIES.join('|')}, got ${JSON.stringify(severity)}`);
  }
  const reference = raw.reference;
  if (reference !== undefined && typeof reference !== 'string') failRule('reference must be a string');

  const rule: PolicyRule = { name, expression, message, severity };
  if (raw.match !== undefined) rule.match = validateMatch(raw.match, failRule);
  if (typeof reference === 'string') rule.reference = reference;
  return rule;
}

function requireText(raw: JsonObject, key: string, fail: (reason: string) => never): string {
  const value = raw[key];
  if (typeof value !== 'string' || value.trim() === '') return fail(`${key} is required`);
  return value;
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function validateMatch(raw: unknown, fail: (reason: string) => never): RuleMatch {
  if (!isJsonObject(raw)) return fail('match must be a mapping');
  const unknown = Object.keys(raw).filter((key) => !(MATCH_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) fail(`unknown match field ${unknown.join(', ')}`);
  const match: RuleMatch = {};
  for (const key of MATCH_KEYS) {
    const list = raw[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      fail(`match.${key} must be a list of strings`);
    }
    match[key] = list as string[];
  }
  return match;
}
