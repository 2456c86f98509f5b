import type { Change, ChangeOp, JsonObject, JsonValue, KubeObject, Suppression, SuppressionReason } from '../model/index.js';
import { REDACTED } from '../model/index.js';
import { matchServerDefault, type DefaultMatch } from './defaults/index.js';
import { toPointer, type PointerMatcher } from './json-pointer.js';
import { OWNER_PERSON, OWNER_TRUSTED } from './managers.js';
import { ownerNames, type Ownership, type OwnershipNode } from './managed-fields.js';

/**
 * State of one comparison. `path` holds the live path's segments and `pattern` the same with list
 * indexes as '*' (the key of every per-path table); both grow and shrink as the walk descends, so
 * no path string is built unless something is reported.
 */
export interface Walk {
  group: string;
  kind: string;
  root: KubeObject;
  path: string[];
  pattern: string[];
  ownership: Ownership | undefined;
  ignored: PointerMatcher;
  changes: Change[];
  suppressed: Suppression[];
  /** Inside a Secret's data: values are reported as REDACTED. */
  redact: boolean;
}

export function enter(w: Walk, segment: string, pattern: string = segment): void {
  w.path.push(segment);
  w.pattern.push(pattern);
}

export function leave(w: Walk): void {
  w.path.pop();
  w.pattern.pop();
}

export function suppress(w: Walk, reason: SuppressionReason, detail: string): void {
  w.suppressed.push({ path: toPointer(w.path), reason, detail });
}

export function defaultFor(w: Walk, value: JsonValue, parent: JsonObject): DefaultMatch | undefined {
  return matchServerDefault({ group: w.group, kind: w.kind, path: w.pattern.slice(), value, parent, root: w.root });
}

/** Suppresses a difference owned only by trusted managers; true when it did. */
export function suppressTrusted(w: Walk, own: OwnershipNode | undefined): boolean {
  if (!w.ownership || !own || !(own.sub & OWNER_TRUSTED) || own.sub & OWNER_PERSON) return false;
  suppress(w, 'ignored', `written by trusted manager ${ownerNames(w.ownership, own).join(', ')}`);
  return true;
}

export function report(w: Walk, op: ChangeOp, baseline: JsonValue | undefined, live: JsonValue | undefined, own?: OwnershipNode): void {
  if (w.ignored(w.path)) {
    suppress(w, 'ignored', 'matches an ignored pointer');
    return;
  }
  if (suppressTrusted(w, own)) return;
  const change: Change = { op, path: toPointer(w.path) };
  if (baseline !== undefined) change.baseline = w.redact ? REDACTED : baseline;
  if (live !== undefined) change.live = w.redact ? REDACTED : live;
  if (w.redact) change.redacted = true;
  w.changes.push(change);
}
