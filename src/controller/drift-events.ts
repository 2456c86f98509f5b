import { createHash } from 'node:crypto';
import type { DriftResult } from '../model/report.js';
import type { KubeEvent } from './ports.js';

/** What identifies a drift for announcement purposes: the same changes and verdict are the same drift. */
export function driftFingerprint(result: DriftResult): string {
  const material = JSON.stringify([result.verdict, result.changes.map((c) => [c.op, c.path, c.baseline, c.live]), result.violations.map((v) => `${v.policy}/${v.rule}`)]);
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

/**
 * The Event on a drifted object: DriftDetected (Normal) for compliant drift, DriftViolation
 * (Warning) for violating drift. Values are never in the message, only paths: Events are
 * readable by far more people than the objects' contents.
 */
export function driftEvent(result: DriftResult, watch: { namespace: string; name: string }, uid?: string): KubeEvent {
  const paths = result.changes.map((c) => c.path);
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
  const by = result.actors[0] ? ` by ${result.actors[0].manager}` : '';
  const violating = result.verdict === 'violating';
  const rules = result.violations.map((v) => `${v.policy}/${v.rule} (${v.severity})`).join(', ');
  const message = violating
    ? `Drift from Git${by} violates ${rules}: ${shown}. Not codified; see DriftWatch ${watch.namespace}/${watch.name}.`
    : `Drift from Git${by}: ${shown}. DriftWatch ${watch.namespace}/${watch.name} codifies it in a pull request.`;
  const fingerprint = driftFingerprint(result);
  return {
    // Named by object and fingerprint: the same drift is announced once, even across restarts.
    name: `${result.object.name}.drift-${fingerprint}`.slice(-253).replace(/^[.-]+/, ''),
    regarding: uid ? { ...result.object, uid } : result.object,
    type: violating ? 'Warning' : 'Normal',
    reason: violating ? 'DriftViolation' : 'DriftDetected',
    message: message.length > 1000 ? `${message.slice(0, 999)}…` : message,
    namespace: result.object.namespace ?? watch.namespace,
  };
}
