import type { DriftReport, DriftResult } from '../model/report.js';
import { describeRef } from '../model/object-ref.js';
import type { ReportProblem } from '../model/report.js';
import { renderActors, renderChange, renderProblem, renderRestart, renderSource } from './render-value.js';

/** A report for a CI comment: the summary, one row per object that is not in sync, then details. */
export function formatMarkdown(report: DriftReport): string {
  const s = report.summary;
  const out = [
    '## driftback drift report',
    '',
    `Compared \`${report.source.repo}\` at \`${report.source.revision}\`.`,
    '',
    '| Objects | In sync | Drifted | Compliant | Violating | Missing | Errors |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.objects} | ${s.inSync} | ${s.drifted} | ${s.compliant} | ${s.violating} | ${s.missing} | ${s.errors} |`,
  ];
  const notInSync = report.results.filter((r) => r.status !== 'InSync');
  if (report.results.length === 0) out.push('', '**Nothing was compared.**');
  else if (notInSync.length === 0) out.push('', report.problems.length === 0 ? 'No drift.' : 'No drift in the objects compared.');
  else {
    out.push('', '| Status | Verdict | Object | Source | Changed by |', '|---|---|---|---|---|');
    for (const r of notInSync) {
      out.push(`| ${r.status} | ${r.verdict ?? ''} | ${cell(describeRef(r.object))} | \`${cell(renderSource(r))}\` | ${cell(renderActors(r))} |`);
    }
    for (const r of notInSync) out.push(...details(r));
  }
  const restarts = report.results.flatMap((r) => (r.restart ? [`- ${escapeHtml(describeRef(r.object))}: ${renderRestart(r)}`] : []));
  if (restarts.length > 0) out.push('', '### Restarts', '', ...restarts);
  out.push(...problemList('Not compared: the scan is partial', report.problems), ...problemList('Skipped', report.skipped));
  return `${out.join('\n')}\n`;
}

function problemList(title: string, problems: readonly ReportProblem[]): string[] {
  if (problems.length === 0) return [];
  return ['', `### ${title}`, '', ...problems.map((p) => `- ${escapeHtml(renderProblem(p))}`)];
}

function details(result: DriftResult): string[] {
  const body: string[] = [];
  if (result.error) body.push(`Error: ${result.error}`);
  if (result.reason) body.push(`Missing: ${result.reason}`);
  for (const v of result.violations) body.push(`- **${v.severity}** \`${v.policy}/${v.rule}\`: ${v.message}`);
  if (result.changes.length > 0) body.push('```diff', ...result.changes.flatMap(renderChange), '```');
  for (const source of result.setBy ?? []) body.push(`- \`${source.path}\`: ${source.file ? `set by \`${source.file}\`` : 'not set in Git'}`);
  if (body.length === 0) return [];
  return ['', `<details><summary>${escapeHtml(describeRef(result.object))}</summary>`, '', ...body, '', '</details>'];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
