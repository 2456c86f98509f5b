import type { JsonValue } from '../model/json.js';
import { diffLines, type DiffLine } from './line-diff.js';

/**
 * How the two sides of a change are shown to people. Short values are shown whole. A long value
 * cut to its first characters would show the same unchanged prefix on both sides (a 25 KB
 * dashboard ConfigMap with one character changed), so long values show the part that differs:
 * multi-line strings as a short line diff, anything else as a window around the first
 * difference. Values arrive already scrubbed of Secret values; nothing here can reveal more of a
 * value than the report holds.
 */
export type ShownValues =
  | { form: 'inline'; baseline?: string; live?: string }
  | { form: 'lines'; summary: string; hunks: string[] };

const WIDTH = 80;
const CONTEXT = 24;
const HUNK_CONTEXT = 1;
const MAX_HUNK_LINES = 20;
const LINE_WIDTH = 160;

export function showValues(baseline: JsonValue | undefined, live: JsonValue | undefined): ShownValues {
  if (baseline === undefined || live === undefined) {
    return { form: 'inline', ...(baseline !== undefined ? { baseline: clip(JSON.stringify(baseline)) } : {}), ...(live !== undefined ? { live: clip(JSON.stringify(live)) } : {}) };
  }
  const a = JSON.stringify(baseline);
  const b = JSON.stringify(live);
  const long = a.length > WIDTH || b.length > WIDTH;
  if (long && typeof baseline === 'string' && typeof live === 'string' && (baseline.includes('\n') || live.includes('\n'))) {
    return showLines(baseline, live);
  }
  const [shownA, shownB] = around(a, b, WIDTH);
  return { form: 'inline', baseline: shownA, live: shownB };
}

/** A value as one line, cut at the end when long: for a change with one side there is nothing to compare. */
function clip(text: string, width = WIDTH): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Both texts cut to a window around where they first differ, with `…` where something was left out. */
function around(a: string, b: string, width: number): [string, string] {
  if (a.length <= width && b.length <= width) return [a, b];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const start = Math.max(0, prefix - CONTEXT);
  const middle = Math.max(width - 2 * CONTEXT, 8);
  const cut = (text: string): string => {
    const changedEnd = text.length - suffix;
    const changed = changedEnd - prefix > middle ? `${text.slice(prefix, prefix + middle)}…` : text.slice(prefix, changedEnd);
    const afterEnd = changedEnd - prefix > middle ? changedEnd : Math.min(text.length, changedEnd + CONTEXT);
    const after = text.slice(changedEnd, afterEnd);
    return `${start > 0 ? '…' : ''}${text.slice(start, prefix)}${changed}${after}${afterEnd < text.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

function showLines(baseline: string, live: string): ShownValues {
  const oldLines = baseline.split('\n');
  const newLines = live.split('\n');
  const diff = diffLines(oldLines, newLines);
  const removed = diff.filter((line) => line.op === '-').length;
  const added = diff.filter((line) => line.op === '+').length;
  const summary = `${removed} of ${oldLines.length} lines removed, ${added} added`;
  const hunks = renderHunks(diff);
  const shown = hunks.slice(0, MAX_HUNK_LINES);
  if (hunks.length > shown.length) shown.push(`… ${hunks.length - shown.length} more lines of this diff`);
  return { form: 'lines', summary, hunks: shown };
}

/** Unified-diff hunks (`@@ -412,3 +412,3 @@`, then ` `, `-` and `+` lines) with one line of context. */
function renderHunks(diff: readonly DiffLine[]): string[] {
  const keep = diff.map((line, i) => diff.slice(Math.max(0, i - HUNK_CONTEXT), i + HUNK_CONTEXT + 1).some((near) => near.op !== ' '));
  const out: string[] = [];
  for (let i = 0; i < diff.length; ) {
    if (!keep[i]) {
      i++;
      continue;
    }
    let end = i;
    while (end < diff.length && keep[end]) end++;
    const hunk = diff.slice(i, end);
    const oldCount = hunk.filter((line) => line.op !== '+').length;
    const newCount = hunk.filter((line) => line.op !== '-').length;
    out.push(`@@ -${hunk[0]!.oldLine},${oldCount} +${hunk[0]!.newLine},${newCount} @@`, ...pairLines(hunk));
    i = end;
  }
  return out;
}

/** Hunk lines, each kept short: removed lines and as many added lines that replace them are cut around their differences. */
function pairLines(hunk: readonly DiffLine[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < hunk.length; ) {
    const removedEnd = runEnd(hunk, i, '-');
    const addedEnd = runEnd(hunk, removedEnd, '+');
    const count = removedEnd - i;
    if (count > 0 && addedEnd - removedEnd === count) {
      const pairs = hunk.slice(i, removedEnd).map((line, k) => around(line.text, hunk[removedEnd + k]!.text, LINE_WIDTH));
      out.push(...pairs.map(([a]) => `-${a}`), ...pairs.map(([, b]) => `+${b}`));
      i = addedEnd;
      continue;
    }
    const line = hunk[i]!;
    out.push(`${line.op}${clip(line.text, LINE_WIDTH)}`);
    i++;
  }
  return out;
}

function runEnd(lines: readonly DiffLine[], from: number, op: DiffLine['op']): number {
  let end = from;
  while (end < lines.length && lines[end]!.op === op) end++;
  return end;
}
