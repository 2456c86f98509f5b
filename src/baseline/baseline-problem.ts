import type { BaselineProblem, ObjectRef, ProblemSeverity } from '../model/index.js';

/** Where a problem is: a file or directory, and within a file as precisely as known. */
export interface ProblemPlace {
  path: string;
  document?: number;
  /** An item of a `List` document. */
  item?: number;
  line?: number;
  column?: number;
  object?: ObjectRef;
}

/**
 * A problem with its one-line message: `file:line:column: reason` for a syntax error,
 * `file#document (line n): skipped: reason` for a document, `file: reason` for a whole file.
 */
export function baselineProblem(severity: ProblemSeverity, place: ProblemPlace, reason: string): BaselineProblem {
  const { path, document, line, object } = place;
  return {
    severity,
    path,
    ...(document !== undefined ? { document } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(object ? { object } : {}),
    reason,
    message: `${describePlace(place)}: ${severity === 'skipped' ? 'skipped: ' : ''}${reason}`,
  };
}

export function describePlace({ path, document, item, line, column }: ProblemPlace): string {
  if (column !== undefined) return `${path}:${line ?? 1}:${column}`;
  if (document === undefined) return path;
  return `${path}#${document}${item !== undefined ? ` item ${item}` : ''}${line !== undefined ? ` (line ${line})` : ''}`;
}
