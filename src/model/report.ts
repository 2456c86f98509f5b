import type { Actor, Change, Suppression } from './drift.js';
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
  error?: string;
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

export interface DriftReport {
  apiVersion: 'driftback.dev/v1alpha1';
  kind: 'DriftReport';
  source: { repo: string; revision: string; paths: string[] };
  summary: ReportSummary;
  results: DriftResult[];
}
