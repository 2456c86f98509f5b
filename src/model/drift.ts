import type { JsonValue } from './json.js';
import { groupOf } from './object-ref.js';

export const CHANGE_OPS = ['add', 'remove', 'replace'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/**
 * One difference between Git and live. `add`: live has it, Git does not; `remove`: Git has it,
 * live does not. `path` is an RFC 6901 pointer into the live object (list indexes are live's).
 */
export interface Change {
  op: ChangeOp;
  path: string;
  baseline?: JsonValue;
  live?: JsonValue;
  /** True when the values are Secret data and were replaced by REDACTED. */
  redacted?: boolean;
}

export const REDACTED = '<redacted>';

export const SUPPRESSION_REASONS = [
  'server-bookkeeping',
  'status',
  'default',
  'server-owned',
  'allocated',
  'canonical-quantity',
  'int-or-string',
  'string-data',
  'controller-owned',
  'ignored',
  'restart',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** A difference that is not drift, and why: shown by `scan --explain`. */
export interface Suppression {
  path: string;
  reason: SuppressionReason;
  detail?: string;
  /** The normalizer rule that decided, e.g. `hpa-replicas` of the controller-fields table. */
  rule?: string;
}

export interface Actor {
  manager: string;
  operation: string;
  time?: string;
}

/** A `kubectl rollout restart`: when (the annotation's value) and by which field manager. */
export interface Restart {
  time: string;
  manager?: string;
}

/**
 * `kubectl rollout restart` sets the pod template's `kubectl.kubernetes.io/restartedAt` annotation
 * to the time of the restart. It is an action, not a desired state: reported as a restart, never
 * as drift to write back to Git.
 */
const RESTART_POINTER_SUFFIX = '/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt';

export function isRestartPointer(pointer: string): boolean {
  return pointer.endsWith(RESTART_POINTER_SUFFIX);
}

/** A change to a core Secret's data, or one the diff already redacted: its value never reaches Git. */
export function isSecretData(object: { apiVersion?: unknown; kind?: unknown }, change: Change): boolean {
  if (change.redacted) return true;
  const core = typeof object.apiVersion !== 'string' || groupOf(object.apiVersion) === '';
  return core && object.kind === 'Secret' && /^\/(data|stringData)(\/|$)/.test(change.path);
}

export interface Comparison {
  changes: Change[];
  suppressed: Suppression[];
  actors: Actor[];
  /** Present when the pod template carries a restart that Git does not. */
  restart?: Restart;
}
