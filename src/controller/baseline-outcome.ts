import type { Baseline } from '../model/manifest.js';
import { describeEmptyScan } from '../report/describe-empty-scan.js';
import type { ReconcileOutcome } from './conditions.js';

/**
 * Why a compared baseline leaves the DriftWatch waiting for a new commit: none of its objects is
 * in spec.scope, or some of its files could not be read. Undefined when neither holds.
 */
export function waitingForGit(loaded: Baseline, scoped: Baseline, compared: number): ReconcileOutcome | undefined {
  if (compared === 0) {
    const message =
      loaded.manifests.length > 0
        ? `nothing was compared: the ${loaded.manifests.length} objects read from Git are all outside spec.scope`
        : describeEmptyScan({ ...scoped, excludedObjects: 0 });
    return { kind: 'failure', disposition: 'wait', reason: 'NothingToCompare', message };
  }
  const firstError = scoped.problems.find((p) => p.severity === 'error');
  if (firstError) {
    const count = scoped.problems.filter((p) => p.severity === 'error').length;
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    return { kind: 'failure', disposition: 'wait', reason: 'InvalidManifests', message: `${firstError.message}${more}; the other objects were compared` };
  }
  return undefined;
}
