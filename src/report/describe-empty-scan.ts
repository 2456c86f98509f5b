import type { BaselineInventory, BaselineProblem } from '../model/manifest.js';

export interface EmptyScan {
  /** The scanned paths, `.` for the whole repository. */
  paths: readonly string[];
  inventory: BaselineInventory;
  problems: readonly BaselineProblem[];
  /** Objects read but left out by `--exclude-kind`. */
  excludedObjects: number;
}

const SHOWN_REASONS = 3;
const SHOWN_PLACES = 3;

/**
 * The one line for a scan that compared nothing, saying what the paths held instead: no files,
 * no manifests, or manifests whose every document was skipped, unreadable or excluded, grouped
 * by reason (an overlay of `kustomization.yaml` and patches reads as just that).
 */
export function describeEmptyScan(scan: EmptyScan): string {
  const where = scan.paths.length === 1 && scan.paths[0] === '.' ? 'the repository' : scan.paths.join(', ');
  const { excludedPaths } = scan.inventory;
  const parts = [
    whatWasFound(scan),
    excludedPaths > 0 ? `${count(excludedPaths, 'path')} excluded by --exclude` : undefined,
    scan.excludedObjects > 0 ? `${count(scan.excludedObjects, 'object')} excluded by --exclude-kind` : undefined,
  ];
  return `nothing was compared in ${where}: ${parts.filter((part) => part !== undefined).join('; ')}`;
}

function whatWasFound({ inventory, problems, excludedObjects }: EmptyScan): string | undefined {
  const { manifestFiles, otherFiles, excludedPaths } = inventory;
  const notCompared = problems.filter((problem) => problem.severity !== 'warning');
  if (notCompared.length === 0) {
    if (manifestFiles > 0) return `${count(manifestFiles, 'manifest file')} there${excludedObjects > 0 ? '' : ', with no documents'}`;
    if (otherFiles > 0) return `${count(otherFiles, 'file')} there, none of them .yaml, .yml or .json`;
    return excludedPaths > 0 ? undefined : 'no files there';
  }
  const byReason = new Map<string, string[]>();
  for (const { severity, path, document, reason } of notCompared) {
    const key = severity === 'skipped' ? `skipped: ${reason}` : reason;
    byReason.set(key, [...(byReason.get(key) ?? []), document === undefined ? path : `${path}#${document}`]);
  }
  const groups = [...byReason].slice(0, SHOWN_REASONS).map(([reason, places]) => `${listed(places, SHOWN_PLACES)} (${reason})`);
  if (byReason.size > SHOWN_REASONS) groups.push(count(byReason.size - SHOWN_REASONS, 'more reason'));
  const list = groups.join('; ');
  return manifestFiles > 0 ? `${count(manifestFiles, 'manifest file')} there, none of it compared: ${list}` : `found only ${list}`;
}

function listed(items: readonly string[], shown: number): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
