import type { Change } from '../model/drift.js';
import type { DriftResult, ReportProblem } from '../model/report.js';
import { showValues } from './show-values.js';

/**
 * A change as report lines: `~ path: baseline -> live` (`+`/`-` for one side), or for long
 * multi-line text a summary line followed by an indented line diff.
 */
export function renderChange(change: Change): string[] {
  const shown = showValues(change.baseline, change.live);
  if (shown.form === 'lines') return [`~ ${change.path}: ${shown.summary}`, ...shown.hunks.map((line) => `    ${line}`)];
  if (change.op === 'add') return [`+ ${change.path}: ${shown.live ?? '(absent)'}`];
  if (change.op === 'remove') return [`- ${change.path}: ${shown.baseline ?? '(absent)'}`];
  return [`~ ${change.path}: ${shown.baseline ?? '(absent)'} -> ${shown.live ?? '(absent)'}`];
}

export function renderSource(result: DriftResult): string {
  const { path, document, root } = result.source;
  return `${path}#${document}${root === undefined ? '' : ` (${root})`}`;
}

export function renderActors(result: DriftResult): string {
  return result.actors.map((a) => `${a.manager}${a.time ? ` at ${a.time}` : ''}`).join(', ');
}

/** `file#document (line n): reason`, as the table and markdown list problems and skipped entries. */
export function renderProblem(problem: ReportProblem): string {
  const { file, document, line, reason } = problem;
  return `${file}${document !== undefined ? `#${document}` : ''}${line !== undefined ? ` (line ${line})` : ''}: ${reason}`;
}

/** `restarted by kubectl-rollout at <time>`: a `kubectl rollout restart`, which is not drift. */
export function renderRestart(result: DriftResult): string | undefined {
  const { restart } = result;
  if (!restart) return undefined;
  return `restarted${restart.manager ? ` by ${restart.manager}` : ''} at ${restart.time} (kubectl rollout restart; not drift)`;
}
