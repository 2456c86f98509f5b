import type { Actor, Change, Restart, Suppression } from './drift.js';
import type { SourceLocation } from './manifest.js';
import type { ObjectRef } from './object-ref.js';
import type { VerdictValue, Violation } from './verdict.js';

export const RESULT_STATUSES = ['InSync', 'Drifted', 'Missing', 'Error'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface DriftResult {
  object: ObjectRef;
  status: ResultStatus;
  source: SourceLocation;
  changes: Change[];
  verdict: VerdictValue | null;
  violations: Violation[];
  actors: Actor[];
  /** A `kubectl rollout restart` Git does not record: reported, not drift (unless `--restart-as-drift`). */
  restart?: Restart;
  error?: string;
  /** Why a `Missing` object is missing, when more is known than its absence. */
  reason?: string;
  /** Present only with `scan --explain`. */
  suppressed?: Suppression[];
  /** With `scan --explain`, for a rendered object: which file set each drifted field. */
  setBy?: FieldSource[];
}

export interface FieldSource {
  path: string;
  /** The file (and entry) whose value Git renders for the field; absent when Git does not set it. */
  file?: string;
}

export interface ReportSummary {
  objects: number;
  inSync: number;
  drifted: number;
  missing: number;
  compliant: number;
  violating: number;
  errors: number;
}

/** Something in Git that was not compared, and why. */
export interface ReportProblem {
  file: string;
  document?: number;
  line?: number;
  object?: ObjectRef;
  reason: string;
}

export interface DriftReport {
  apiVersion: 'driftback.dev/v1alpha1';
  kind: 'DriftReport';
  source: { repo: string; revision: string; paths: string[] };
  summary: ReportSummary;
  results: DriftResult[];
  /** What made the scan partial (counted in `summary.errors`): a file that did not parse, a refused file, an object defined twice. */
  problems: ReportProblem[];
  /** What was deliberately not compared, and why: a Helm chart, a document that is not a Kubernetes object. */
  skipped: ReportProblem[];
}
