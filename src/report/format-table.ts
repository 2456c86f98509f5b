import type { DriftReport, DriftResult } from '../model/report.js';
import { describeRef } from '../model/object-ref.js';
import { renderActors, renderChange, renderProblem, renderRestart, renderSource } from './render-value.js';

/** The default terminal report: one line per object, then the changes of each drifted object. */
export function formatTable(report: DriftReport): string {
  const rows = report.results.map((r) => [
    r.status,
    r.verdict ?? '-',
    r.object.kind,
    r.object.namespace ?? '',
    r.object.name,
    renderSource(r),
  ]);
  const lines = alignColumns([['STATUS', 'VERDICT', 'KIND', 'NAMESPACE', 'NAME', 'SOURCE'], ...rows]);
  for (const result of report.results) lines.push(...detailLines(result));
  if (report.problems.length > 0) lines.push('', 'not compared, so the scan is partial:', ...report.problems.map((p) => `  ! ${renderProblem(p)}`));
  if (report.skipped.length > 0) lines.push('', 'skipped:', ...report.skipped.map((p) => `  - ${renderProblem(p)}`));
  const s = report.summary;
  lines.push(
    '',
    `${s.objects} objects: ${s.inSync} in sync, ${s.drifted} drifted (${s.compliant} compliant, ${s.violating} violating), ` +
      `${s.missing} missing, ${s.errors} errors`,
    `compared ${report.source.repo} at ${report.source.revision}`,
  );
  return `${lines.join('\n')}\n`;
}

function detailLines(result: DriftResult): string[] {
  const restart = renderRestart(result);
  const hasDetail =
    result.status === 'Drifted' || result.status === 'Error' || result.reason !== undefined || restart !== undefined || (result.suppressed?.length ?? 0) > 0;
  if (!hasDetail) return [];
  const actors = result.actors.length > 0 ? `  changed by ${renderActors(result)}` : '';
  const lines = ['', `${describeRef(result.object)} (${renderSource(result)})${actors}`];
  if (result.error) lines.push(`  error: ${result.error}`);
  if (result.reason) lines.push(`  missing: ${result.reason}`);
  if (restart) lines.push(`  ${restart}`);
  for (const change of result.changes) lines.push(...renderChange(change).map((line) => `  ${line}`));
  for (const v of result.violations) lines.push(`  ! ${v.policy}/${v.rule} (${v.severity}): ${v.message}`);
  for (const source of result.setBy ?? []) lines.push(`  @ ${source.path}: ${source.file ? `set by ${source.file}` : 'not set in Git'}`);
  for (const s of result.suppressed ?? []) lines.push(`  = ${s.path}: not drift, ${s.reason}${s.detail ? ` (${s.detail})` : ''}`);
  return lines;
}

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 2))).join('').trimEnd());
}
