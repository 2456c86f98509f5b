/** Offsets and columns in the source text; every edit is a splice computed from these. */

export type Range = readonly [number, number, number];

export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

/** Start of the line after the one holding `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  return end === text.length ? end : end + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function isFirstOnLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/** End of a node's own text: its range without the trailing whitespace and line breaks. */
export function contentEnd(text: string, range: Range): number {
  let end = range[1];
  while (end > range[0] && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

export function isCommentLine(line: string): boolean {
  return line.trimStart().startsWith('#');
}

export function indentationOf(line: string): number {
  return line.length - line.trimStart().length;
}

export function pad(column: number): string {
  return ' '.repeat(column);
}

export function applySplice(text: string, splice: Splice): string {
  return text.slice(0, splice.start) + splice.text + text.slice(splice.end);
}
