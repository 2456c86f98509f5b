import type { ReportSummary } from '../model/report.js';

export interface Condition {
  type: 'Ready' | 'Reconciling' | 'Stalled';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

/**
 * How a reconcile ended. Failures are classified where they enter (cluster, baseline, codify
 * adapters), never here: `retry` is transient, `wait` needs something outside (a new commit, a
 * rate-limit reset) and is polled at the interval, `stall` needs a person to change the spec or
 * credentials and is not retried until the generation changes.
 */
export type ReconcileOutcome =
  | { kind: 'success'; revision: string; summary: ReportSummary }
  | { kind: 'failure'; disposition: 'retry' | 'wait' | 'stall'; reason: string; message: string };

export type Requeue = { kind: 'after'; ms: number } | { kind: 'rateLimited' } | { kind: 'none' };

/** A condition's time as metav1.Time serializes it: RFC 3339 at second precision, one precision for every status write. */
export function conditionTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The conditions already on an object, to keep transition times when a status does not change. */
export function conditionsOf(status: unknown): Condition[] {
  const conditions = (status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

/** The one mapping from an outcome to conditions and requeue (Flux source-controller's reconcile.go). */
export function conditionsFor(
  outcome: ReconcileOutcome,
  previous: readonly Condition[],
  generation: number,
  intervalMs: number,
  now: string,
): { conditions: Condition[]; requeue: Requeue } {
  const make = (type: Condition['type'], status: Condition['status'], reason: string, message: string): Condition => {
    const before = previous.find((c) => c.type === type);
    const lastTransitionTime = before && before.status === status ? before.lastTransitionTime : now;
    return { type, status, reason, message, observedGeneration: generation, lastTransitionTime };
  };

  if (outcome.kind === 'success') {
    const s = outcome.summary;
    const message =
      `compared ${s.objects} objects at ${outcome.revision.slice(0, 12)}: ${s.inSync} in sync, ${s.drifted} drifted ` +
      `(${s.compliant} compliant, ${s.violating} violating), ${s.missing} missing, ${s.errors} errors`;
    return { conditions: [make('Ready', 'True', 'Succeeded', message)], requeue: { kind: 'after', ms: intervalMs } };
  }
  if (outcome.disposition === 'stall') {
    return {
      conditions: [make('Ready', 'False', outcome.reason, outcome.message), make('Stalled', 'True', outcome.reason, outcome.message)],
      requeue: { kind: 'none' },
    };
  }
  const reconciling = make('Reconciling', 'True', 'ProgressingWithRetry', outcome.message);
  const ready = make('Ready', 'False', outcome.reason, outcome.message);
  return {
    conditions: [ready, reconciling],
    requeue: outcome.disposition === 'retry' ? { kind: 'rateLimited' } : { kind: 'after', ms: intervalMs },
  };
}
