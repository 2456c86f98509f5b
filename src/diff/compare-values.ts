import type { JsonObject, JsonValue } from '../model/index.js';
import { isJsonObject, quantitiesEqual } from '../model/index.js';
import { intOrStringEqual, isIntOrStringPath } from './int-or-string.js';
import { ownerNames, type Ownership, type OwnershipNode } from './managed-fields.js';
import { OWNER_GIT, OWNER_PERSON, OWNER_TRUSTED } from './managers.js';
import { pairByMergeKey } from './match-list-elements.js';
import { bookkeepingAt } from './normalize-metadata.js';
import { isQuantityPath } from './quantity.js';
import { appliedOutsideGit, enter, leave, listKeyAt, ownAt, report, suppress, suppressControlled, suppressDefault, type Walk } from './walk.js';

/**
 * Non-pointer `omitempty` fields of k8s.io/api: the server drops them when Git writes their zero
 * value, so Git's `hostNetwork: false` against nothing live is no drift. Pointer fields
 * (`automountServiceAccountToken`, `allowPrivilegeEscalation`, ...) keep an explicit false, so
 * their absence live is a removal and stays reported.
 */
const OMITTED_ZERO_FIELDS = new Set([
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'stdin',
  'stdinOnce',
  'tty',
  'readOnly',
  'hostPort',
  'nodePort',
  'initialDelaySeconds',
  'minReadySeconds',
  'healthCheckNodePort',
  'paused',
  'publishNotReadyAddresses',
]);

function isEmptyValue(value: JsonValue): boolean {
  if (value === '' || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function hasKeys(value: JsonObject): boolean {
  for (const _ in value) return true;
  return false;
}

export function compareValue(w: Walk, live: JsonValue, baseline: JsonValue): void {
  if (live === baseline) return;
  // The API server stores an empty list, map or string as nothing and may return null for it.
  if (live === null && isEmptyValue(baseline)) return suppress(w, 'default', `null and ${JSON.stringify(baseline)} are both empty`);
  if (Array.isArray(live)) {
    if (Array.isArray(baseline)) {
      compareList(w, live, baseline);
      return;
    }
  } else if (isJsonObject(live) && isJsonObject(baseline)) {
    compareObject(w, live, baseline);
    return;
  }
  compareLeaf(w, live, baseline);
}

function compareLeaf(w: Walk, live: JsonValue, baseline: JsonValue): void {
  const bookkeeping = bookkeepingAt(w.path, w.kind);
  if (bookkeeping) return suppress(w, 'server-bookkeeping', bookkeeping);
  if (isQuantityPath(w.pattern) && quantitiesEqual(live, baseline)) {
    return suppress(w, 'canonical-quantity', `${String(baseline)} and ${String(live)} are the same quantity`);
  }
  if (isIntOrStringPath(w.pattern) && intOrStringEqual(live, baseline)) {
    return suppress(w, 'int-or-string', `${JSON.stringify(baseline)} and ${JSON.stringify(live)} are the same int-or-string`);
  }
  report(w, 'replace', baseline, live);
}

function compareObject(w: Walk, live: JsonObject, baseline: JsonObject): void {
  for (const key in live) {
    const liveValue = live[key] as JsonValue;
    const baselineValue = baseline[key];
    enter(w, key, liveValue, baselineValue);
    if (baselineValue === undefined || baselineValue === null) liveOnly(w, liveValue, live);
    else compareValue(w, liveValue, baselineValue);
    leave(w);
  }
  for (const key in baseline) {
    if (live[key] !== undefined) continue;
    const baselineValue = baseline[key] as JsonValue;
    if (baselineValue === null) continue;
    enter(w, key, undefined, baselineValue);
    baselineOnly(w, baselineValue);
    leave(w);
  }
}

function compareList(w: Walk, live: JsonValue[], baseline: JsonValue[]): void {
  const field = w.path[w.path.length - 1] ?? '';
  const pairing = pairByMergeKey(field, live, baseline, w.normalizers.length > 0 ? listKeyAt(w) : undefined);
  if (pairing) {
    for (let i = 0; i < live.length; i++) {
      const element = live[i] as JsonValue;
      const j = pairing.liveToBaseline[i] as number;
      enter(w, String(i), element, j < 0 ? undefined : baseline[j], '*');
      if (j < 0) liveOnlyElement(w, element);
      else compareValue(w, element, baseline[j] as JsonValue);
      leave(w);
    }
    // A Git element with no live counterpart has no live index: its pointer uses Git's index.
    for (const j of pairing.unpairedBaseline) {
      enter(w, String(j), undefined, baseline[j], '*');
      report(w, 'remove', baseline[j], undefined);
      leave(w);
    }
    return;
  }
  const length = Math.max(live.length, baseline.length);
  for (let i = 0; i < length; i++) {
    enter(w, String(i), live[i], baseline[i], '*');
    if (i >= live.length) report(w, 'remove', baseline[i], undefined);
    else if (i >= baseline.length) liveOnlyElement(w, live[i] as JsonValue);
    else compareValue(w, live[i] as JsonValue, baseline[i] as JsonValue);
    leave(w);
  }
}

/** Whether managedFields name this field's owners; else the normalizers' defaults decide. */
function ownershipDecides(w: Walk, own: OwnershipNode | undefined): boolean {
  return w.ownership !== undefined && (own === undefined || own.exact);
}

/**
 * Decides a field live has and Git lacks by who owns it; true when it is not drift. A person's
 * manager makes it drift, even at a default's value. kubectl's last-applied holding it means it
 * was applied from something other than Git, so only a default explains it (Git once stated
 * `protocol: TCP` explicitly). Nobody owning it, or only a server-side Apply from Git (which owns
 * what it applied, never a default): only a default explains it either. An Update from Git owns
 * the defaults of its write. The control plane's fields are its own; the defaults name them best.
 */
function suppressOwned(w: Walk, value: JsonValue, own: OwnershipNode | undefined, parent: JsonObject, depth: number): boolean {
  const ownership = w.ownership as Ownership;
  if (own !== undefined && own.sub & OWNER_PERSON) return false;
  if (appliedOutsideGit(w) || own === undefined || own.sub === OWNER_GIT) {
    return suppressDefault(w, value, parent, depth);
  }
  const owners = ownerNames(ownership, own);
  if (own.sub & OWNER_TRUSTED) suppress(w, 'ignored', `written by trusted manager ${owners.join(', ')}`);
  else if (own.sub & OWNER_GIT) suppress(w, 'server-owned', `set when Git was applied: owned only by ${owners.join(', ')}`);
  else if (!suppressDefault(w, value, parent, depth)) suppress(w, 'server-owned', `owned only by ${owners.join(', ')}`);
  return true;
}

/** Whether the field is not drift: by ownership where managedFields tell, else by the normalizers' defaults. */
function explainedLiveOnly(w: Walk, value: JsonValue, own: OwnershipNode | undefined, parent: JsonObject, depth: number): boolean {
  if (suppressControlled(w, value, undefined)) return true;
  return ownershipDecides(w, own) ? suppressOwned(w, value, own, parent, depth) : suppressDefault(w, value, parent, depth);
}

/**
 * A field live has and Git lacks. With managedFields, a person's ownership makes it drift even
 * where a default would match; without them the defaults decide, computed from Git. An object
 * is descended into so that one added field is reported, not its whole parent.
 */
export function liveOnly(w: Walk, value: JsonValue, parent: JsonObject): void {
  if (w.ignored(w.path)) return suppress(w, 'ignored', 'matches an ignored pointer');
  const bookkeeping = bookkeepingAt(w.path, w.kind);
  if (bookkeeping) return suppress(w, 'server-bookkeeping', bookkeeping);
  if (isMetadataMap(w.path) && isJsonObject(value)) return liveOnlyEntries(w, value);
  const own = ownAt(w);
  if (explainedLiveOnly(w, value, own, parent, 1)) return;
  if (isJsonObject(value) && hasKeys(value)) {
    const before = w.changes.length;
    liveOnlyEntries(w, value);
    // A person created the object itself while its contents are defaults: still their addition.
    if (w.changes.length === before && own?.exact && own.own & OWNER_PERSON) report(w, 'add', undefined, value);
    return;
  }
  if (value === null) return suppress(w, 'default', 'null: no value');
  report(w, 'add', undefined, value);
}

function liveOnlyEntries(w: Walk, value: JsonObject): void {
  for (const key in value) {
    const child = value[key] as JsonValue;
    enter(w, key, child, undefined);
    liveOnly(w, child, value);
    leave(w);
  }
}

/** Labels and annotations are judged key by key, so each bookkeeping key gets its own reason. */
function isMetadataMap(path: readonly string[]): boolean {
  const n = path.length;
  const field = path[n - 1];
  return n >= 2 && path[n - 2] === 'metadata' && (field === 'labels' || field === 'annotations');
}

/** A list element with no Git counterpart is reported whole: an added container is one change. */
function liveOnlyElement(w: Walk, element: JsonValue): void {
  if (w.ignored(w.path)) return suppress(w, 'ignored', 'matches an ignored pointer');
  // The object holding the list: the walk's values end with [..., holder, list, element].
  const holderValue = w.values[w.values.length - 3];
  const holder = isJsonObject(holderValue) ? holderValue : {};
  if (explainedLiveOnly(w, element, ownAt(w), holder, 2)) return;
  report(w, 'add', undefined, element);
}

/** A field Git has and live lacks. */
export function baselineOnly(w: Walk, value: JsonValue): void {
  if (w.ignored(w.path)) return suppress(w, 'ignored', 'matches an ignored pointer');
  const bookkeeping = bookkeepingAt(w.path, w.kind);
  if (bookkeeping) return suppress(w, 'server-bookkeeping', bookkeeping);
  // An empty label or annotation value is stored like any other.
  if (isEmptyValue(value) && !isMetadataMap(w.path.slice(0, -1))) return suppress(w, 'default', 'empty value the API server does not store');
  const field = w.path[w.path.length - 1] ?? '';
  if ((value === false || value === 0) && OMITTED_ZERO_FIELDS.has(field)) {
    return suppress(w, 'default', `${field}: zero value the API server omits`);
  }
  if (isJsonObject(value) && isMetadataMap(w.path)) {
    // Per key, so that bookkeeping keys Git happens to carry stay out of the report.
    for (const key in value) {
      enter(w, key, undefined, value[key]);
      baselineOnly(w, value[key] as JsonValue);
      leave(w);
    }
    return;
  }
  report(w, 'remove', value, undefined);
}
