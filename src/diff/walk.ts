import type { Change, ChangeOp, JsonObject, JsonValue, KubeObject, Restart, Suppression, SuppressionReason } from '../model/index.js';
import { isJsonObject, isRestartPointer, REDACTED } from '../model/index.js';
import { toPointer, type PointerMatcher } from './json-pointer.js';
import { lastAppliedHolds, parseLastApplied } from './last-applied.js';
import { elementOwnership, fieldOwnership, ownerNames, ownersOf, type Ownership, type OwnershipNode } from './managed-fields.js';
import { OWNER_PERSON, OWNER_TRUSTED } from './managers.js';
import type { Explanation, ListKey, ObjectNormalizer } from './normalizer.js';

const UNRESOLVED = Symbol('unresolved');

/**
 * State of one comparison. `path` holds the live path's segments and `pattern` the same with list
 * indexes as '*' (the key of every per-path table); `values` the live value at each depth, `gits`
 * Git's, and `owns` the live value's owners, resolved only when a difference asks. All five grow
 * and shrink as the walk descends, so nothing is copied and no path string is built unless
 * something is reported.
 */
export interface Walk {
  group: string;
  kind: string;
  root: KubeObject;
  gitRoot: KubeObject;
  path: string[];
  pattern: string[];
  values: (JsonValue | undefined)[];
  gits: (JsonValue | undefined)[];
  owns: (OwnershipNode | undefined | typeof UNRESOLVED)[];
  ownership: Ownership | undefined;
  /** The last-applied-configuration, parsed on first use (undefined until then); null when absent. */
  lastApplied: JsonValue | undefined | null;
  hasTrusted: boolean;
  ignored: PointerMatcher;
  changes: Change[];
  suppressed: Suppression[];
  /** Inside a Secret's data: values are reported as REDACTED. */
  redact: boolean;
  restartAsDrift: boolean;
  restart?: Restart;
  /** What the normalizers have to say about this object (normalizer.ts). */
  normalizers: readonly ObjectNormalizer[];
}

export function startWalk(
  root: KubeObject,
  gitRoot: KubeObject,
  group: string,
  ownership: Ownership | undefined,
  hasTrusted: boolean,
  ignored: PointerMatcher,
  normalizers: readonly ObjectNormalizer[],
  restartAsDrift = false,
): Walk {
  return {
    group,
    kind: root.kind,
    root,
    gitRoot,
    path: [],
    pattern: [],
    values: [root as unknown as JsonObject],
    gits: [gitRoot as unknown as JsonObject],
    owns: [ownership?.root],
    ownership,
    lastApplied: undefined,
    hasTrusted,
    ignored,
    changes: [],
    suppressed: [],
    redact: false,
    restartAsDrift,
    normalizers,
  };
}

export function enter(w: Walk, segment: string, live: JsonValue | undefined, git: JsonValue | undefined, pattern: string = segment): void {
  w.path.push(segment);
  w.pattern.push(pattern);
  w.values.push(live);
  w.gits.push(git);
  w.owns.push(UNRESOLVED);
}

export function leave(w: Walk): void {
  w.path.pop();
  w.pattern.pop();
  w.values.pop();
  w.gits.pop();
  w.owns.pop();
}

/** The managedFields owners of the current live path; undefined when nobody owns it. */
export function ownAt(w: Walk): OwnershipNode | undefined {
  if (!w.ownership) return undefined;
  const { owns, values, path } = w;
  let depth = owns.length - 1;
  while (owns[depth] === UNRESOLVED) depth--;
  let node = owns[depth] as OwnershipNode | undefined;
  for (let i = depth + 1; i < owns.length; i++) {
    if (node) {
      const parent = values[i - 1];
      node = Array.isArray(parent)
        ? elementOwnership(node, values[i], Number(path[i - 1]))
        : fieldOwnership(node, path[i - 1] as string);
    }
    owns[i] = node;
  }
  return node;
}

/** Whether the last client-side apply held this Git-less field: it came from something other than Git. */
export function appliedOutsideGit(w: Walk): boolean {
  if (w.lastApplied === undefined) w.lastApplied = parseLastApplied(w.root.metadata?.annotations) ?? null;
  if (w.lastApplied === null) return false;
  if (lastAppliedHolds(w.lastApplied, w.path, w.values)) return true;
  // A Secret's key may have been applied as stringData; live only ever has data.
  return w.kind === 'Secret' && w.path[0] === 'data' && lastAppliedHolds(w.lastApplied, ['stringData', ...w.path.slice(1)], w.values);
}

export function suppress(w: Walk, reason: SuppressionReason, detail: string, rule?: string): void {
  const suppression: Suppression = { path: toPointer(w.path), reason, detail };
  if (rule) suppression.rule = rule;
  w.suppressed.push(suppression);
}

function explained(w: Walk, explanation: Explanation): true {
  suppress(w, explanation.reason, explanation.detail, explanation.rule);
  return true;
}

/**
 * Suppresses a live-only field (found `depth` levels above the walk's end: 1 for a field, 2 for
 * a list element) that a normalizer explains as a default or allocation; true when it did.
 */
export function suppressDefault(w: Walk, value: JsonValue, parent: JsonObject, depth = 1): boolean {
  const gitParent = w.gits[w.gits.length - 1 - depth];
  const field = {
    group: w.group,
    kind: w.kind,
    apiVersion: w.gitRoot.apiVersion,
    path: w.pattern.slice(),
    value,
    parent,
    gitParent: isJsonObject(gitParent) ? gitParent : undefined,
    root: w.root,
    gitRoot: w.gitRoot,
  };
  for (const normalizer of w.normalizers) {
    const explanation = normalizer.explainAdded?.(field);
    if (explanation) return explained(w, explanation);
  }
  return false;
}

/** Suppresses a difference a normalizer's rule says is not drift (a controller's field); true when it did. */
export function suppressControlled(w: Walk, live: JsonValue | undefined, git: JsonValue | undefined): boolean {
  let difference;
  for (const normalizer of w.normalizers) {
    if (!normalizer.explainDifference) continue;
    difference ??= {
      path: w.path,
      pattern: w.pattern,
      live,
      git,
      root: w.root,
      owners: () => (w.ownership ? ownersOf(w.ownership, ownAt(w)) : undefined),
    };
    const explanation = normalizer.explainDifference(difference);
    if (explanation) return explained(w, explanation);
  }
  return false;
}

/** How the list being compared pairs its elements, when a normalizer knows. */
export function listKeyAt(w: Walk): ListKey | undefined {
  for (const normalizer of w.normalizers) {
    const key = normalizer.listKey?.(w.pattern);
    if (key) return key;
  }
  return undefined;
}

/** Suppresses a difference owned only by trusted managers; true when it did. */
function suppressTrusted(w: Walk, own: OwnershipNode | undefined): boolean {
  if (!w.ownership || !own || !(own.sub & OWNER_TRUSTED) || own.sub & OWNER_PERSON) return false;
  suppress(w, 'ignored', `written by trusted manager ${ownerNames(w.ownership, own).join(', ')}`);
  return true;
}

export function report(w: Walk, op: ChangeOp, baseline: JsonValue | undefined, live: JsonValue | undefined): void {
  if (w.ignored(w.path)) {
    suppress(w, 'ignored', 'matches an ignored pointer');
    return;
  }
  const path = toPointer(w.path);
  if (!w.restartAsDrift && typeof live === 'string' && isRestartPointer(path)) return recordRestart(w, path, live);
  if (w.hasTrusted && live !== undefined && suppressTrusted(w, ownAt(w))) return;
  if (suppressControlled(w, live, baseline)) return;
  const change: Change = { op, path };
  if (baseline !== undefined) change.baseline = w.redact ? REDACTED : baseline;
  if (live !== undefined) change.live = w.redact ? REDACTED : live;
  if (w.redact) change.redacted = true;
  w.changes.push(change);
}

/** A restart Git does not hold: who made it (the annotation's field manager) and when (its value). */
function recordRestart(w: Walk, path: string, time: string): void {
  const manager = w.ownership ? ownerNames(w.ownership, ownAt(w)).join(', ') : '';
  w.restart = { time, ...(manager ? { manager } : {}) };
  w.suppressed.push({ path, reason: 'restart', detail: `kubectl rollout restart${manager ? ` by ${manager}` : ''} at ${time}` });
}
