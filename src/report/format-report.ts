import type { DriftReport } from '../model/report.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSarif } from './format-sarif.js';
import { formatTable } from './format-table.js';

export const OUTPUT_FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function formatReport(report: DriftReport, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return formatMarkdown(report);
  if (format === 'sarif') return formatSarif(report);
  return formatTable(report);
}
