export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Violation {
  policy: string;
  rule: string;
  message: string;
  severity: Severity;
  /** Where the rule comes from (hardening guide section, PSS control), when known. */
  reference?: string;
}

export type VerdictValue = 'compliant' | 'violating';

export interface Verdict {
  verdict: VerdictValue;
  violations: Violation[];
}
