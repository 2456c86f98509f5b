import type { DriftReport } from '../model/report.js';

export const FAIL_ON = ['drift', 'violating', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * 2 when nothing was compared, or when any object could not be compared or the baseline had
 * errors (all counted in `summary.errors`): an empty or partial scan must never read as "in
 * sync". Otherwise 1 when `failOn` counts what was found. Missing objects are drift.
 */
export function exitCodeFor(report: DriftReport, failOn: FailOn): 0 | 1 | 2 {
  if (report.summary.objects === 0 || report.summary.errors > 0) return 2;
  if (failOn === 'never') return 0;
  if (failOn === 'violating') return report.summary.violating > 0 ? 1 : 0;
  return report.summary.drifted + report.summary.missing > 0 ? 1 : 0;
}
