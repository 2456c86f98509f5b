import { BaselineError } from '../baseline/index.js';
import { ClusterError, type Disposition } from '../cluster/index.js';
import { PolicyError } from '../policy/index.js';
import { InvalidSpecError } from './drift-watch-spec.js';
import { MissingSecretError } from './watch-secrets.js';

export interface ReconcileFailure {
  stage: 'baseline' | 'cluster' | 'policy' | 'spec' | 'secret' | 'codify' | 'internal';
  disposition: Disposition;
  reason: string;
  message: string;
}

/**
 * Maps the errors the adapters raise to what the controller does about them. The adapters have
 * already classified their own failures (ClusterError.disposition, BaselineError.kind); this
 * only translates, it never reads HTTP codes.
 */
export function classifyReconcileFailure(error: unknown): ReconcileFailure {
  const message = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error);
  if (error instanceof ClusterError) return { stage: 'cluster', disposition: error.disposition, reason: 'ClusterError', message };
  if (error instanceof BaselineError) {
    const disposition: Record<BaselineError['kind'], Disposition> = { clone: 'retry', auth: 'stall', revision: 'wait', path: 'wait' };
    return { stage: 'baseline', disposition: disposition[error.kind], reason: 'BaselineFailed', message };
  }
  if (error instanceof PolicyError) return { stage: 'policy', disposition: 'stall', reason: 'InvalidPolicy', message };
  if (error instanceof InvalidSpecError) return { stage: 'spec', disposition: 'stall', reason: 'InvalidSpec', message };
  if (error instanceof MissingSecretError) return { stage: 'secret', disposition: 'wait', reason: 'SecretNotFound', message };
  if (error instanceof Error && error.name === 'InformerSyncTimeout') return { stage: 'cluster', disposition: 'retry', reason: 'WatchNotSynced', message };
  const disposition = (error as { disposition?: Disposition } | undefined)?.disposition;
  if (disposition) return { stage: 'codify', disposition, reason: 'PullRequestFailed', message };
  return { stage: 'internal', disposition: 'retry', reason: 'InternalError', message };
}
