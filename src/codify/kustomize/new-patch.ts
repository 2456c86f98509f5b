import { stringify } from 'yaml';
import { groupOf, isJsonObject, mergeKeysFor, sameListElement, versionOf, type Change, type JsonObject, type JsonValue, type KubeObject } from '../../model/index.js';

/** The object a patch targets, as the overlay's build still names it (before its own prefix and namespace). */
export interface PatchTarget {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * Custom resources get JSON 6902 patches: kustomize merges their lists as JSON merge patch does
 * (whole lists replaced), and has no merge keys for them.
 */
export function needsJson6902(apiVersion: string): boolean {
  const group = groupOf(apiVersion);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

/**
 * A strategic-merge patch that sets exactly the changed fields to their live values: list
 * elements with merge keys are named by their keys, other lists are written whole (strategic
 * merge replaces them), a removed key is null and a removed keyed element is `$patch: delete`.
 */
export function strategicMergePatch(target: PatchTarget, changes: readonly Change[], live: KubeObject): JsonObject {
  const patch: JsonObject = {
    apiVersion: target.apiVersion,
    kind: target.kind,
    metadata: { name: target.name, ...(target.namespace ? { namespace: target.namespace } : {}) },
  };
  for (const change of changes) setInPatch(patch, change, live);
  return patch;
}

function setInPatch(patch: JsonObject, change: Change, live: unknown): void {
  const segments = change.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let holder: JsonObject | JsonValue[] = patch;
  let liveCursor: unknown = live;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(holder)) {
      const keys = mergeKeysFor(segments.slice(0, i))!;
      const liveElement = Array.isArray(liveCursor) ? liveCursor[Number(segment)] : undefined;
      if (last) {
        const gone = change.op === 'remove' && isJsonObject(change.baseline);
        holder.push(gone ? { ...pick(change.baseline as JsonObject, keys), $patch: 'delete' } : (change.live as JsonValue));
        return;
      }
      let element = holder.find((candidate) => sameListElement(candidate, liveElement, keys)) as JsonObject | undefined;
      if (!element) {
        element = pick(liveElement as JsonObject, keys);
        holder.push(element);
      }
      holder = element;
      liveCursor = liveElement;
      continue;
    }
    const liveValue: unknown = isJsonObject(liveCursor) ? liveCursor[segment] : undefined;
    if (last) {
      holder[segment] = change.op === 'remove' ? null : (change.live as JsonValue);
      return;
    }
    if (Array.isArray(liveValue) && !mergeKeysFor(segments.slice(0, i + 1))) {
      // Strategic merge replaces a list without merge keys: the whole live list is the value.
      holder[segment] = structuredClone(liveValue) as JsonValue[];
      return;
    }
    const existing: JsonValue | undefined = holder[segment];
    const next: JsonObject | JsonValue[] = Array.isArray(liveValue) ? (Array.isArray(existing) ? existing : []) : isJsonObject(existing) ? existing : {};
    holder[segment] = next;
    holder = next;
    liveCursor = liveValue;
  }
}

function pick(value: JsonObject | undefined, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => value?.[key] !== undefined).map((key) => [key, value![key]!]));
}

/** JSON 6902 operations, one per change, at the live object's pointers. */
export function json6902Patch(changes: readonly Change[]): JsonValue[] {
  return changes.map((change): JsonObject => (change.op === 'remove' ? { op: 'remove', path: change.path } : { op: change.op, path: change.path, value: change.live ?? null }));
}

/** The `patches:` entry for a new patch file; a JSON 6902 patch needs a target. */
export function patchEntry(file: string, target: PatchTarget, json6902: boolean): JsonObject {
  if (!json6902) return { path: file };
  const group = groupOf(target.apiVersion);
  return { path: file, target: { ...(group ? { group } : {}), version: versionOf(target.apiVersion), kind: target.kind, name: target.name } };
}

export function patchFileText(describe: string, value: JsonValue): string {
  return `# Written by driftback: the live ${describe}, codified.\n${stringify(value, { lineWidth: 0 })}`;
}
