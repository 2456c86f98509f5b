/**
 * Compares one live object with its Git manifest in a single walk over both, with no copies:
 * normalization (bookkeeping, defaults, quantities, int-or-string, stringData) happens only where
 * the two differ. See docs/adr/0002-diff-strategy.md.
 */

import type { Comparison, JsonObject, JsonValue, KubeObject } from '../model/index.js';
import { groupOf, isJsonObject } from '../model/index.js';
import type { CompareOptions } from './compare-options.js';
import { baselineOnly, compareValue, liveOnly } from './compare-values.js';
import { DEFAULT_NORMALIZERS } from './default-normalizers.js';
import { actorsOf, UNKNOWN_ACTOR } from './find-actors.js';
import { inferGitApplier } from './infer-git-applier.js';
import { compilePointerMatcher } from './json-pointer.js';
import { buildOwnership } from './managed-fields.js';
import { managerClasses, OWNER_PERSON, type ManagerClasses } from './managers.js';
import type { ObjectNormalizer } from './normalizer.js';
import { SERVER_METADATA_FIELDS } from './normalize-metadata.js';
import { redactChanges, redactSuppressions, secretFingerprint, secretNeedles, secretValues } from './secret-redaction.js';
import { enter, leave, ownAt, report, startWalk, suppress, type Walk } from './walk.js';

const TOKEN_SECRET_KEYS = new Set(['token', 'ca.crt', 'namespace']);

function compareMetadata(w: Walk, live: JsonObject, baseline: JsonObject): void {
  for (const key in live) {
    const liveValue = live[key] as JsonValue;
    const baselineValue = baseline[key];
    const detail = SERVER_METADATA_FIELDS.get(key);
    enter(w, key, liveValue, baselineValue);
    if (detail) suppress(w, 'server-bookkeeping', detail);
    else if (baselineValue === undefined || baselineValue === null) {
      if (key === 'namespace') suppress(w, 'default', 'namespace taken from the scan, not the manifest');
      else liveOnly(w, liveValue, live);
    } else compareValue(w, liveValue, baselineValue);
    leave(w);
  }
  for (const key in baseline) {
    const baselineValue = baseline[key];
    if (live[key] !== undefined || baselineValue === null || baselineValue === undefined) continue;
    enter(w, key, undefined, baselineValue);
    const detail = SERVER_METADATA_FIELDS.get(key);
    if (detail) suppress(w, 'server-bookkeeping', detail);
    else if (key === 'namespace') suppress(w, 'default', 'cluster-scoped: the API server drops the namespace');
    else baselineOnly(w, baselineValue);
    leave(w);
  }
}

/**
 * Secret values are compared by fingerprint and reported only as REDACTED. Git's `stringData`
 * (plain) and `data` (base64) are merged as the API server merges them, so either spelling of
 * the same bytes is in sync; changes use `/data/<key>`, the field live has. Returns every spelling
 * of the values, for redacting the rest of the report.
 */
function compareSecretData(w: Walk, live: JsonObject, baseline: JsonObject): string[] {
  const liveData = isJsonObject(live.data) ? live.data : {};
  const liveValues = secretValues(liveData);
  const gitValues = secretValues(baseline.data, baseline.stringData);
  const tokenSecret = live.type === 'kubernetes.io/service-account-token';
  w.redact = true;
  enter(w, 'data', liveData, baseline.data);
  for (const [key, liveValue] of liveValues) {
    enter(w, key, liveData[key], undefined);
    const gitValue = gitValues.get(key);
    if (!gitValue) {
      if (tokenSecret && TOKEN_SECRET_KEYS.has(key) && !((ownAt(w)?.sub ?? 0) & OWNER_PERSON)) {
        suppress(w, 'allocated', 'filled in by the service-account token controller');
      } else {
        liveOnly(w, liveData[key] as JsonValue, liveData);
      }
    } else if (secretFingerprint(liveValue.bytes) !== secretFingerprint(gitValue.bytes)) {
      report(w, 'replace', '', '');
    } else if (gitValue.fromStringData) {
      suppress(w, 'string-data', 'stringData in Git holds the same value as data in the cluster');
    }
    leave(w);
  }
  for (const key of gitValues.keys()) {
    if (liveValues.has(key)) continue;
    enter(w, key, undefined, undefined);
    report(w, 'remove', '', undefined);
    leave(w);
  }
  leave(w);
  w.redact = false;
  const raw = [...Object.values(liveData), ...Object.values(isJsonObject(baseline.data) ? baseline.data : {})];
  return secretNeedles(
    [...liveValues.values(), ...gitValues.values()],
    raw.filter((value): value is string => typeof value === 'string'),
  );
}

/** The configured Git managers, and the one that applied this object's last-applied content when that is Git's. */
function gitManagersOf(live: KubeObject, baseline: KubeObject, options: CompareOptions): ManagerClasses {
  const classes = managerClasses(options.gitManagers, options.trustedManagers);
  const inferred = inferGitApplier(live, baseline, classes);
  return inferred === undefined ? classes : { ...classes, git: new Set([...classes.git, inferred]) };
}

export function compareObjects(live: KubeObject, baseline: KubeObject, options: CompareOptions = {}): Comparison {
  const classes = gitManagersOf(live, baseline, options);
  const liveRoot = live as unknown as JsonObject;
  const baselineRoot = baseline as unknown as JsonObject;
  const ownership = buildOwnership(live.metadata?.managedFields, classes);
  const ignored = compilePointerMatcher(options.ignorePointers ?? []);
  const normalizers: ObjectNormalizer[] = [];
  for (const normalizer of options.normalizers ?? DEFAULT_NORMALIZERS) {
    const forObject = normalizer.forObject(live, baseline);
    if (forObject) normalizers.push(forObject);
  }
  const w = startWalk(live, baseline, groupOf(live.apiVersion), ownership, classes.trusted.size > 0, ignored, normalizers, options.restartAsDrift);
  const isSecret = w.group === '' && w.kind === 'Secret';

  for (const key in liveRoot) {
    if (key === 'kind' || (isSecret && key === 'data')) continue;
    const liveValue = liveRoot[key] as JsonValue;
    const baselineValue = baselineRoot[key];
    enter(w, key, liveValue, baselineValue as JsonValue | undefined);
    if (key === 'apiVersion') {
      if (baselineValue !== liveValue) suppress(w, 'server-bookkeeping', 'the API server serves another version of the same kind');
    } else if (key === 'status') {
      suppress(w, 'status', 'written by controllers, never by Git');
    } else if (key === 'metadata' && isJsonObject(liveValue)) {
      compareMetadata(w, liveValue, isJsonObject(baselineValue) ? baselineValue : {});
    } else if (baselineValue === undefined || baselineValue === null) {
      liveOnly(w, liveValue, liveRoot);
    } else {
      compareValue(w, liveValue, baselineValue);
    }
    leave(w);
  }
  for (const key in baselineRoot) {
    if (liveRoot[key] !== undefined || key === 'kind') continue;
    if (isSecret && (key === 'data' || key === 'stringData')) continue;
    const baselineValue = baselineRoot[key] as JsonValue;
    if (baselineValue === null) continue;
    enter(w, key, undefined, baselineValue);
    if (key === 'status') suppress(w, 'status', 'written by controllers, never by Git');
    else baselineOnly(w, baselineValue);
    leave(w);
  }
  if (isSecret) {
    const needles = compareSecretData(w, liveRoot, baselineRoot);
    redactChanges(w.changes, needles);
    redactSuppressions(w.suppressed, needles);
  }
  // Without managedFields nobody can be named: the drift is still reported, its actors unknown.
  const actors = ownership || w.changes.length === 0 ? actorsOf(live.metadata?.managedFields, live.kind, classes) : [UNKNOWN_ACTOR];
  return { changes: w.changes, suppressed: w.suppressed, actors, ...(w.restart ? { restart: w.restart } : {}) };
}
