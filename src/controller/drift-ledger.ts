import type { BaselineProblem } from '../model/manifest.js';
import type { DriftResult, ReportSummary } from '../model/report.js';
import { reportProblems, summarize } from '../report/build-report.js';
import type { Clock } from './clock.js';

/**
 * The latest result per object of one DriftWatch, and what its outputs remember about each drift:
 * since when it has lasted (the oldest-drift metric) and whether its Event was recorded.
 */
export class DriftLedger {
  readonly results = new Map<string, DriftResult>();
  /** The fingerprint of the drift each object's last Event recorded. */
  readonly announced = new Map<string, string>();
  readonly driftSince = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  record(key: string, result: DriftResult): void {
    this.results.set(key, result);
    if (result.status !== 'Drifted') {
      this.announced.delete(key);
      this.driftSince.delete(key);
      return;
    }
    if (!this.driftSince.has(key)) this.driftSince.set(key, this.clock.now());
  }

  /** As the scan's report counts: baseline problems are errors beside the Error results. */
  summary(problems: readonly BaselineProblem[]): ReportSummary {
    return summarize([...this.results.values()], reportProblems(problems).problems.length);
  }
}
