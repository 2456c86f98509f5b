/**
 * Edits inside `{...}` and `[...]`, which is also how JSON files are edited: entries and their
 * separating commas are spliced in place; a collection spread over several lines gets new entries
 * on lines of their own, one-line collections stay on one line.
 */

import { isMap, isPair, isScalar, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isJsonObject, type JsonValue } from '../../model/index.js';
import { entryEnd, rangeOf, type EditContext } from './edit-context.js';
import { UnsafeEdit } from './locate-node.js';
import { renderKey } from './render-scalar.js';
import { renderFlow, renderJsonPretty } from './render-value.js';
import { replaceScalar } from './replace-scalar.js';
import { columnOf, contentEnd, indentationOf, lineEnd, lineStart, pad, type Splice } from './text-layout.js';

type FlowCollection = YAMLMap | YAMLSeq;

function itemStart(item: unknown): number {
  const range = rangeOf(isPair(item) ? item.key : item);
  if (range === undefined) throw new UnsafeEdit('flow entry without a source range');
  return range[0];
}

function itemEnd(text: string, item: unknown): number {
  if (isPair(item)) return entryEnd(text, item);
  const range = rangeOf(item);
  if (range === undefined) throw new UnsafeEdit('flow entry without a source range');
  return contentEnd(text, range);
}

function bounds(text: string, collection: FlowCollection): { open: number; close: number } {
  const range = rangeOf(collection);
  if (range === undefined) throw new UnsafeEdit('flow collection without a source range');
  return { open: range[0], close: contentEnd(text, range) - 1 };
}

function isMultiline(text: string, collection: FlowCollection): boolean {
  const { open, close } = bounds(text, collection);
  return text.slice(open, close).includes('\n');
}

/** Pretty JSON only inside JSON collections that are themselves spread over lines. */
function renderValue(ctx: EditContext, value: JsonValue, column: number, pretty: boolean, sibling?: Scalar.Type): string {
  const nested = Array.isArray(value) || isJsonObject(value);
  return ctx.prettyJson && pretty && nested ? renderJsonPretty(value, column, ctx.style.step) : renderFlow(value, ctx.json, sibling);
}

function scalarStyleOf(item: unknown): Scalar.Type | undefined {
  const node = isPair(item) ? item.value : item;
  return isScalar(node) ? node.type : undefined;
}

interface Entry {
  key: string | number;
  isMapEntry: boolean;
  value: JsonValue;
}

function renderEntry(ctx: EditContext, entry: Entry, column: number, pretty: boolean, sibling?: unknown): string {
  const prefix = entry.isMapEntry ? `${renderKey(String(entry.key), ctx.json, true)}: ` : '';
  return prefix + renderValue(ctx, entry.value, column, pretty, scalarStyleOf(sibling));
}

export function removeFlowEntry(text: string, collection: FlowCollection, index: number): Splice {
  const { items } = collection;
  const item = items[index];
  if (item === undefined) throw new UnsafeEdit('flow entry not found');
  if (items.length === 1) {
    const { open, close } = bounds(text, collection);
    return { start: open + 1, end: close, text: '' };
  }
  const next = items[index + 1];
  if (next !== undefined) return { start: itemStart(item), end: itemStart(next), text: '' };
  return { start: itemEnd(text, items[index - 1]), end: itemEnd(text, item), text: '' };
}

export function addFlowEntry(ctx: EditContext, collection: FlowCollection, key: string | number, value: JsonValue): Splice {
  const { text } = ctx;
  const entry: Entry = { key, isMapEntry: isMap(collection), value };
  const { items } = collection;
  if (items.length === 0) {
    const { open, close } = bounds(text, collection);
    const endsItsLine = /^[,\s]*$/.test(text.slice(close + 1, lineEnd(text, close)));
    if (!ctx.prettyJson || !endsItsLine) return { start: open + 1, end: close, text: renderEntry(ctx, entry, 0, false) };
    const base = indentationOf(text.slice(lineStart(text, open), open + 1));
    const column = base + ctx.style.step;
    return {
      start: open + 1,
      end: close,
      text: `\n${pad(column)}${renderEntry(ctx, entry, column, true)}\n${pad(base)}`,
    };
  }
  const multiline = isMultiline(text, collection);
  const before = typeof key === 'number' ? items[key] : undefined;
  const anchor: unknown = before ?? items[items.length - 1];
  const column = columnOf(text, itemStart(anchor));
  const rendered = renderEntry(ctx, entry, column, multiline, anchor);
  const separator = multiline ? `,\n${pad(column)}` : ', ';
  if (before !== undefined) {
    const at = itemStart(before);
    return { start: at, end: at, text: rendered + separator };
  }
  const end = itemEnd(text, anchor);
  return { start: end, end, text: separator + rendered };
}

/** Replaces one flow entry's value: scalars keep their quoting, collections are written anew. */
export function replaceFlowValue(ctx: EditContext, collection: FlowCollection, node: unknown, value: JsonValue): Splice {
  const range = rangeOf(node);
  if (range === undefined) throw new UnsafeEdit('flow value without a source range');
  const column = columnOf(ctx.text, range[0]);
  if (isScalar(node) && !Array.isArray(value) && !isJsonObject(value)) {
    return replaceScalar(ctx, node, value, column, true);
  }
  const lineIndentation = indentationOf(ctx.text.slice(lineStart(ctx.text, range[0]), range[0] + 1));
  const rendered = renderValue(ctx, value, lineIndentation, isMultiline(ctx.text, collection));
  return { start: range[0], end: contentEnd(ctx.text, range), text: rendered };
}
