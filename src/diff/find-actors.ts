import type { Actor, JsonObject, KubeObject, ManagedFieldsEntry } from '../model/index.js';
import { isJsonObject } from '../model/index.js';
import { classifyManager, managerClasses, OWNER_GIT, OWNER_SYSTEM, OWNER_TRUSTED, type ManagerClasses } from './managers.js';
import type { CompareOptions } from './compare-options.js';
import { bookkeepingKey } from './normalize-metadata.js';

function ownsPersonKey(fields: unknown, map: 'labels' | 'annotations', kind: string): boolean {
  if (!isJsonObject(fields)) return false;
  return Object.keys(fields).some((raw) => raw.startsWith('f:') && !bookkeepingKey(map, raw.slice(2), kind, true));
}

/**
 * Whether an entry wrote desired state: not only status, bookkeeping labels and annotations, or
 * (for control-plane components) finalizers and owner references, which every Deployment's
 * controller writes and which would otherwise name kube-controller-manager on every object.
 */
function writesDesiredState(fields: JsonObject, kind: string, system: boolean): boolean {
  for (const raw in fields) {
    if (raw === 'f:status' || raw === '.') continue;
    if (raw !== 'f:metadata') return true;
    const metadata = fields[raw];
    if (!isJsonObject(metadata)) continue;
    for (const key in metadata) {
      if (key === '.') continue;
      if (key === 'f:labels' || key === 'f:annotations') {
        if (ownsPersonKey(metadata[key], key === 'f:labels' ? 'labels' : 'annotations', kind)) return true;
      } else if (!system) {
        return true;
      }
    }
  }
  return false;
}

/** Who changed an object that carries no managedFields (restored from a backup, created before 1.18, reset). */
export const UNKNOWN_ACTOR: Actor = { manager: 'unknown', operation: 'Unknown' };

export function actorsOf(entries: readonly ManagedFieldsEntry[] | undefined, kind: string, classes: ManagerClasses): Actor[] {
  if (!entries) return [];
  const newest = new Map<string, Actor>();
  for (const entry of entries) {
    const owner = classifyManager(entry.manager, classes, entry.subresource);
    if (owner & OWNER_GIT || owner === OWNER_TRUSTED || entry.subresource === 'status') continue;
    if (!entry.fieldsV1 || !writesDesiredState(entry.fieldsV1, kind, owner === OWNER_SYSTEM)) continue;
    const actor: Actor = { manager: entry.manager ?? '(unnamed)', operation: entry.operation ?? 'Update' };
    if (entry.time) actor.time = entry.time;
    const key = `${actor.manager}\u0000${actor.operation}`;
    const seen = newest.get(key);
    if (!seen || (actor.time ?? '') > (seen.time ?? '')) newest.set(key, actor);
  }
  // RFC 3339 times in UTC sort as strings; entries without a time go last.
  return [...newest.values()].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
}

/**
 * The field managers that wrote the object besides Git, newest first, from managedFields:
 * Git managers, trusted managers and status-only writers left out.
 */
export function findActors(live: KubeObject, options: CompareOptions = {}): Actor[] {
  return actorsOf(live.metadata?.managedFields, live.kind, managerClasses(options.gitManagers, options.trustedManagers));
}
