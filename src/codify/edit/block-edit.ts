/** Edits of block collections, line by line: whole lines in, whole lines out. */

import { isScalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { JsonValue } from '../../model/index.js';
import { dashOffset, entryEnd, rangeOf, type EditContext } from './edit-context.js';
import { UnsafeEdit } from './locate-node.js';
import { renderKey } from './render-scalar.js';
import { renderItemLines, renderPairLines } from './render-value.js';
import {
  columnOf,
  contentEnd,
  indentationOf,
  isCommentLine,
  isFirstOnLine,
  lineEnd,
  lineStart,
  nextLineStart,
  type Splice,
} from './text-layout.js';

function keyStartOf(pair: Pair): number {
  const range = rangeOf(pair.key);
  if (range === undefined) throw new UnsafeEdit('map entry without a key in the source');
  return range[0];
}

function itemDash(text: string, item: unknown): number {
  const dash = dashOffset(text, item);
  if (dash === undefined) throw new UnsafeEdit('list item does not start with "- " in the source');
  return dash;
}

function itemEnd(text: string, item: unknown, dash: number): number {
  const range = rangeOf(item);
  return range === undefined || range[0] === range[1] ? dash + 1 : contentEnd(text, range);
}

/** Comment lines right above `start` at `column` belong to the entry there (no blank line between). */
function startWithOwnComments(text: string, start: number, column: number): number {
  let from = start;
  while (from > 0) {
    const previous = lineStart(text, from - 1);
    const line = text.slice(previous, from - 1);
    if (!isCommentLine(line) || indentationOf(line) !== column) break;
    from = previous;
  }
  return from;
}

/** Comment lines after an entry that are indented deeper than it still belong to it. */
function endWithNestedComments(text: string, end: number, column: number): number {
  let to = end;
  while (to < text.length) {
    const line = text.slice(to, lineEnd(text, to));
    if (!isCommentLine(line) || indentationOf(line) <= column) break;
    to = nextLineStart(text, to);
  }
  return to;
}

/** Inserts whole lines after the line holding `offset`, keeping a missing final newline missing. */
function insertLinesAfter(text: string, offset: number, lines: readonly string[]): Splice {
  const end = lineEnd(text, offset);
  if (end === text.length) return { start: end, end, text: `\n${lines.join('\n')}` };
  return { start: end + 1, end: end + 1, text: `${lines.join('\n')}\n` };
}

export function removeBlockPair(text: string, map: YAMLMap, index: number): Splice {
  const pair = map.items[index];
  if (pair === undefined) throw new UnsafeEdit('map entry not found');
  const keyStart = keyStartOf(pair);
  const end = entryEnd(text, pair);
  if (!isFirstOnLine(text, keyStart)) {
    // The first key of a compact `- key: value` item: the next key moves up behind the dash.
    const next = map.items[index + 1];
    if (next === undefined) throw new UnsafeEdit('cannot remove the only key of a list item');
    return { start: keyStart, end: keyStartOf(next), text: '' };
  }
  const column = columnOf(text, keyStart);
  return {
    start: startWithOwnComments(text, lineStart(text, keyStart), column),
    end: endWithNestedComments(text, nextLineStart(text, end), column),
    text: '',
  };
}

export function removeBlockItem(text: string, seq: YAMLSeq, index: number): Splice {
  const item = seq.items[index];
  const dash = itemDash(text, item);
  if (!isFirstOnLine(text, dash)) throw new UnsafeEdit('list item shares its line with other content');
  const column = columnOf(text, dash);
  return {
    start: startWithOwnComments(text, lineStart(text, dash), column),
    end: endWithNestedComments(text, nextLineStart(text, itemEnd(text, item, dash)), column),
    text: '',
  };
}

export function addBlockPair(ctx: EditContext, map: YAMLMap, key: string, value: JsonValue): Splice {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (first === undefined || last === undefined) throw new UnsafeEdit('empty block map');
  const column = columnOf(ctx.text, keyStartOf(first));
  const lines = renderPairLines(renderKey(key, false, false), value, column, ctx.style);
  return insertLinesAfter(ctx.text, entryEnd(ctx.text, last), lines);
}

export function addBlockItem(ctx: EditContext, seq: YAMLSeq, index: number, value: JsonValue): Splice {
  const { text } = ctx;
  const column = columnOf(text, itemDash(text, seq.items[0]));
  const lines = renderItemLines(value, column, ctx.style);
  const before = seq.items[index];
  if (before !== undefined) {
    const dash = itemDash(text, before);
    if (!isFirstOnLine(text, dash)) throw new UnsafeEdit('list item shares its line with other content');
    const at = lineStart(text, dash);
    return { start: at, end: at, text: `${lines.join('\n')}\n` };
  }
  const last = seq.items[seq.items.length - 1];
  return insertLinesAfter(text, itemEnd(text, last, itemDash(text, last)), lines);
}

/** Writes the entry anew (key kept as written): used when a collection is involved on either side. */
export function rewriteBlockPair(ctx: EditContext, pair: Pair, value: JsonValue): Splice {
  const { text } = ctx;
  const keyRange = rangeOf(pair.key);
  if (keyRange === undefined || !isScalar(pair.key)) throw new UnsafeEdit('map entry without a plain key');
  const column = columnOf(text, keyRange[0]);
  const [head, ...nested] = renderPairLines(text.slice(keyRange[0], keyRange[1]), value, column, ctx.style);
  const valueRange = rangeOf(pair.value);
  const emptyValue = valueRange === undefined || valueRange[0] === valueRange[1];
  // `labels:` with nothing under it: keep its line (and comment), write the entries below it.
  if (emptyValue && nested.length > 0) return insertLinesAfter(text, keyRange[1], nested);
  return { start: keyRange[0], end: lineEnd(text, entryEnd(text, pair)), text: [head, ...nested].join('\n').slice(column) };
}

export function rewriteBlockItem(ctx: EditContext, item: unknown, value: JsonValue): Splice {
  const { text } = ctx;
  const dash = itemDash(text, item);
  const column = columnOf(text, dash);
  const lines = renderItemLines(value, column, ctx.style);
  return { start: dash, end: lineEnd(text, itemEnd(text, item, dash)), text: lines.join('\n').slice(column) };
}
