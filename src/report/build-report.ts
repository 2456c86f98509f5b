import type { Comparison } from '../model/drift.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline, Manifest } from '../model/manifest.js';
import { objectKey } from '../model/object-ref.js';
import type { DriftReport, DriftResult, ReportSummary, ResultStatus } from '../model/report.js';
import type { Verdict } from '../model/verdict.js';
import type { Change } from '../model/drift.js';

export interface ReportInputs {
  baseline: Baseline;
  /** Live objects by objectKey; an absent key means the object is not in the cluster. */
  live: Pick<ReadonlyMap<string, KubeObject>, 'get'>;
  /** Objects that could not be compared (for example a kind the cluster does not serve), by objectKey. */
  errors: Pick<ReadonlyMap<string, string>, 'get'>;
  compare: (live: KubeObject, baseline: KubeObject) => Comparison;
  /** Absent when no policies are in force: verdicts stay null. */
  classify?: (input: { object: KubeObject; oldObject: KubeObject; changes: Change[] }) => Verdict;
  explain?: boolean;
}

/** Pairs every baseline manifest with its live object and judges it; each manifest yields one result. */
export function buildReport(inputs: ReportInputs): DriftReport {
  const results = inputs.baseline.manifests.map((manifest) => judgeManifest(manifest, inputs));
  return {
    apiVersion: 'driftback.dev/v1alpha1',
    kind: 'DriftReport',
    source: { repo: inputs.baseline.repo, revision: inputs.baseline.revision, paths: inputs.baseline.paths },
    summary: summarize(results),
    results,
  };
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
  if (live === undefined) return base('Missing');

  const comparison = inputs.compare(live, manifest.object);
  const explained = inputs.explain ? { suppressed: comparison.suppressed } : {};
  if (comparison.changes.length === 0) return { ...base('InSync'), actors: comparison.actors, ...explained };

  const verdict = inputs.classify?.({ object: live, oldObject: manifest.object, changes: comparison.changes });
  return {
    ...base('Drifted'),
    changes: comparison.changes,
    verdict: verdict?.verdict ?? null,
    violations: verdict?.violations ?? [],
    actors: comparison.actors,
    ...explained,
  };
}

export function summarize(results: readonly DriftResult[]): ReportSummary {
  const summary: ReportSummary = { objects: results.length, inSync: 0, drifted: 0, missing: 0, compliant: 0, violating: 0, errors: 0 };
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
