import type { DriftResult } from '../model/report.js';

/** The `verdict` label of driftback_drifted_objects: `none` is drift no policy judged. */
export const GAUGE_VERDICTS = ['compliant', 'violating', 'none'] as const;
export type GaugeVerdict = (typeof GAUGE_VERDICTS)[number];

/** Drifted objects by verdict, every verdict present (a zero clears what an earlier pass counted). */
export function countDriftedByVerdict(results: Iterable<DriftResult>): Record<GaugeVerdict, number> {
  const counts = { compliant: 0, violating: 0, none: 0 };
  for (const result of results) if (result.status === 'Drifted') counts[result.verdict ?? 'none']++;
  return counts;
}

/**
 * The earliest write by a manager other than Git's among drifted objects (epoch ms), or undefined
 * when none is recorded. managedFields keep only each manager's last write, so a one-shot scan
 * knows the drift is at least this old, never older.
 */
export function earliestDriftWrite(results: Iterable<DriftResult>): number | undefined {
  let earliest: number | undefined;
  for (const result of results) {
    if (result.status !== 'Drifted') continue;
    for (const actor of result.actors) {
      const time = actor.time === undefined ? NaN : Date.parse(actor.time);
      if (Number.isFinite(time) && (earliest === undefined || time < earliest)) earliest = time;
    }
  }
  return earliest;
}
