import type { Comparison } from '../model/drift.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, BaselineProblem, Manifest } from '../model/manifest.js';
import { objectKey } from '../model/object-ref.js';
import type { DriftReport, DriftResult, ReportProblem, ReportSummary, ResultStatus } from '../model/report.js';
import type { Verdict } from '../model/verdict.js';
import type { Change } from '../model/drift.js';

export interface ReportInputs {
  baseline: Baseline;
  /** Live objects by objectKey; an absent key means the object is not in the cluster. */
  live: Pick<ReadonlyMap<string, KubeObject>, 'get'>;
  /** Objects that could not be compared (for example a kind the cluster does not serve), by objectKey. */
  errors: Pick<ReadonlyMap<string, string>, 'get'>;
  /** Why objects are missing where more is known (a custom kind whose definition is not installed yet), by objectKey. */
  missingReasons?: Pick<ReadonlyMap<string, string>, 'get'>;
  compare: (live: KubeObject, baseline: KubeObject) => Comparison;
  /** Absent when no policies are in force: verdicts stay null. */
  classify?: (input: { object: KubeObject; oldObject: KubeObject; changes: Change[] }) => Verdict;
  explain?: boolean;
}

/**
 * Pairs every baseline manifest with its live object and judges it; each manifest yields one
 * result. What the baseline could not read is listed beside them and counted as errors, so a
 * partial scan never reads as complete.
 */
export function buildReport(inputs: ReportInputs): DriftReport {
  const results = inputs.baseline.manifests.map((manifest) => judgeManifest(manifest, inputs));
  const { problems, skipped } = reportProblems(inputs.baseline.problems);
  return {
    apiVersion: 'driftback.dev/v1alpha1',
    kind: 'DriftReport',
    source: { repo: inputs.baseline.repo, revision: inputs.baseline.revision, paths: inputs.baseline.paths },
    summary: summarize(results, problems.length),
    results,
    problems,
    skipped,
  };
}

/** The baseline's errors and skipped entries as the report lists them; warnings stay on stderr. */
export function reportProblems(found: readonly BaselineProblem[]): { problems: ReportProblem[]; skipped: ReportProblem[] } {
  const problems: ReportProblem[] = [];
  const skipped: ReportProblem[] = [];
  for (const { severity, path, document, line, object, reason } of found) {
    if (severity === 'warning') continue;
    // Keys in the contract's order: file, document, object, reason.
    const entry: ReportProblem = {
      file: path,
      ...(document !== undefined ? { document } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(object ? { object } : {}),
      reason,
    };
    (severity === 'error' ? problems : skipped).push(entry);
  }
  return { problems, skipped };
}

/** The result for one manifest; the operator calls it for each live event. */
export function judgeManifest(manifest: Manifest, inputs: Omit<ReportInputs, 'baseline'>): DriftResult {
  const key = objectKey(manifest.ref);
  // Keys in the contract's order (object, status, source, ...), so the JSON report reads as documented.
  const base = (status: ResultStatus): DriftResult => ({
    object: manifest.ref,
    status,
    source: manifest.source,
    changes: [],
    verdict: null,
    violations: [],
    actors: [],
  });
  const error = inputs.errors.get(key);
  if (error !== undefined) return { ...base('Error'), error };
  const live = inputs.live.get(key);
  if (live === undefined) {
    const reason = inputs.missingReasons?.get(key);
    return reason === undefined ? base('Missing') : { ...base('Missing'), reason };
  }

  const comparison = inputs.compare(live, manifest.object);
  const explained = inputs.explain ? { suppressed: comparison.suppressed } : {};
  const restart = comparison.restart ? { restart: comparison.restart } : {};
  if (comparison.changes.length === 0) return { ...base('InSync'), actors: comparison.actors, ...restart, ...explained };

  const verdict = inputs.classify?.({ object: live, oldObject: manifest.object, changes: comparison.changes });
  return {
    ...base('Drifted'),
    changes: comparison.changes,
    verdict: verdict?.verdict ?? null,
    violations: verdict?.violations ?? [],
    actors: comparison.actors,
    ...restart,
    ...explained,
  };
}

/** Counts by status and verdict; `problemCount` baseline problems count as errors beside the Error results. */
export function summarize(results: readonly DriftResult[], problemCount = 0): ReportSummary {
  const summary: ReportSummary = { objects: results.length, inSync: 0, drifted: 0, missing: 0, compliant: 0, violating: 0, errors: problemCount };
  for (const result of results) {
    if (result.status === 'InSync') summary.inSync++;
    else if (result.status === 'Drifted') summary.drifted++;
    else if (result.status === 'Missing') summary.missing++;
    else summary.errors++;
    if (result.verdict === 'compliant') summary.compliant++;
    else if (result.verdict === 'violating') summary.violating++;
  }
  return summary;
}
