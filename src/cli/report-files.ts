import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/format-report.js';
import { UsageError } from './command.js';

/** `--report-file <format>=<file>`: the same report written once more, in another format, to a file. */
export interface ReportFile {
  format: OutputFormat;
  path: string;
}

export function parseReportFiles(values: string[] | undefined, cwd: string): ReportFile[] {
  return (values ?? []).map((value) => {
    const at = value.indexOf('=');
    const format = value.slice(0, Math.max(at, 0));
    const path = value.slice(at + 1);
    if (at < 0 || !path || !(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--report-file takes <format>=<file> with a format of ${OUTPUT_FORMATS.join(', ')} (got "${value}")`);
    }
    return { format: format as OutputFormat, path: resolve(cwd, path) };
  });
}

/** Writes each file; the first that cannot be written throws, naming it. */
export function writeReportFiles(files: ReportFile[], render: (format: OutputFormat) => string): void {
  for (const file of files) {
    try {
      writeFileSync(file.path, render(file.format));
    } catch (error) {
      throw new Error(`cannot write --report-file ${file.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }
}
