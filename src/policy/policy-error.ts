import { DriftbackError } from '../model/index.js';

/**
 * A policy that cannot be used. The message is one line:
 * `<origin>: policy <name> rule <rule>: <reason>` (policy and rule only where known).
 */
export class PolicyError extends DriftbackError {
  override name = 'PolicyError';
  readonly stage = 'policy' as const;
  readonly disposition = 'stall' as const;
  readonly conditionReason = 'InvalidPolicy';
  readonly origin: string;
  readonly policy?: string;
  readonly rule?: string;
  readonly reason: string;

  constructor(where: { origin: string; policy?: string; rule?: string }, reason: string, options?: ErrorOptions) {
    super(formatWhere(where) + reason, options);
    this.origin = where.origin;
    this.policy = where.policy;
    this.rule = where.rule;
    this.reason = reason;
  }
}

function formatWhere({ origin, policy, rule }: { origin: string; policy?: string; rule?: string }): string {
  const parts = [policy !== undefined ? `policy ${policy}` : '', rule !== undefined ? `rule ${rule}` : ''];
  const subject = parts.filter(Boolean).join(' ');
  return subject ? `${origin}: ${subject}: ` : `${origin}: `;
}
