import type { DriftReport, DriftResult, Severity, Violation } from '../model/index.js';
import { describeRef, objectKey } from '../model/index.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: one result per violation, at the manifest in Git that the
 * drifted object comes from. Only rule messages and object names go in; change values never do,
 * so nothing of a Secret can leak through this format.
 */
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const EVALUATION_FAILED = 'evaluation failed:';

/** GitHub reads `security-severity` as critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, 'error' | 'warning'> = { critical: 'error', high: 'error', medium: 'warning', low: 'warning' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { 'security-severity': string; tags: string[] };
}

export function formatSarif(report: DriftReport): string {
  const rules = new Map<string, SarifRule>();
  const described = new Set<string>();
  const results = report.results.flatMap((result) =>
    result.violations.map((violation) => {
      const ruleId = `${violation.policy}/${violation.rule}`;
      // An evaluation failure does not carry the rule's own message; a later plain violation does.
      if (!rules.has(ruleId) || (!isFailure(violation) && !described.has(ruleId))) {
        rules.set(ruleId, describeRule(ruleId, violation));
        if (!isFailure(violation)) described.add(ruleId);
      }
      return toResult(ruleId, violation, result);
    }),
  );
  const ruleList = [...rules.values()];
  const indexOf = new Map(ruleList.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'driftback', rules: ruleList } },
        results: results.map((result) => ({ ...result, ruleIndex: indexOf.get(result.ruleId) })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function isFailure(violation: Violation): boolean {
  return violation.message.startsWith(EVALUATION_FAILED);
}

function describeRule(id: string, violation: Violation): SarifRule {
  const reference = violation.reference ? `Reference: ${violation.reference}.` : '';
  const summary = isFailure(violation) ? `Policy rule ${id}` : violation.message;
  const explanation = `Drift from Git breaks DriftPolicy rule ${id}: ${summary}.`;
  return {
    id,
    name: violation.rule,
    shortDescription: { text: summary },
    help: {
      text: [explanation, reference].filter(Boolean).join(' '),
      markdown: [`**${summary}**`, `Drift from Git breaks DriftPolicy rule \`${id}\`.`, reference].filter(Boolean).join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[violation.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[violation.severity], tags: ['security', 'drift'] },
  };
}

function toResult(ruleId: string, violation: Violation, result: DriftResult) {
  return {
    ruleId,
    level: LEVEL[violation.severity],
    message: { text: `${describeRef(result.object)}: ${violation.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: result.source.path },
          region: { startLine: result.source.line ?? 1 },
        },
        logicalLocations: [{ fullyQualifiedName: describeRef(result.object), kind: 'object' }],
      },
    ],
    partialFingerprints: { 'driftback/object-rule': `${objectKey(result.object)}#${ruleId}` },
  };
}
