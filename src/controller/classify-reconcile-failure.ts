import { DriftbackError, type Disposition, type FailureStage } from '../model/index.js';

export interface ReconcileFailure {
  stage: FailureStage | 'internal';
  disposition: Disposition;
  reason: string;
  message: string;
}

/**
 * Maps a failure to what the controller does about it. The adapters have already classified
 * their own failures (DriftbackError's stage, disposition and reason); this only reads them, it
 * never reads HTTP codes or class names. Anything else is a bug of ours, retried.
 */
export function classifyReconcileFailure(error: unknown): ReconcileFailure {
  const message = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error);
  if (error instanceof DriftbackError) return { stage: error.stage, disposition: error.disposition, reason: error.conditionReason, message };
  return { stage: 'internal', disposition: 'retry', reason: 'InternalError', message };
}
