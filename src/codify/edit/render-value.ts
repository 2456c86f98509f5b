import type { Scalar } from 'yaml';
import { isJsonObject, type JsonValue } from '../../model/index.js';
import { canBeLiteral, renderKey, renderLiteral, renderScalar } from './render-scalar.js';
import { pad } from './text-layout.js';

/** Indentation habits of the document being edited, so written lines look like their neighbours. */
export interface BlockStyle {
  /** Spaces per nested map level. */
  step: number;
  /** Column offset of a sequence's `- ` from its parent key: 0 for kubectl-style sequences. */
  seqIndent: number;
}

function isNonEmptyCollection(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return Array.isArray(value) ? value.length > 0 : isJsonObject(value) && Object.keys(value).length > 0;
}

function inlineValue(value: JsonValue): string {
  if (Array.isArray(value)) return '[]';
  if (isJsonObject(value)) return '{}';
  return renderScalar(value, { json: false, inFlow: false });
}

/** Lines of `key: value` at `column`; `keyText` is already rendered (new keys) or the source's own. */
export function renderPairLines(keyText: string, value: JsonValue, column: number, style: BlockStyle): string[] {
  const head = `${pad(column)}${keyText}:`;
  if (Array.isArray(value) && value.length > 0) {
    return [head, ...renderSeqLines(value, column + style.seqIndent, style)];
  }
  if (isJsonObject(value) && isNonEmptyCollection(value)) {
    return [head, ...renderMapLines(value, column + style.step, style)];
  }
  if (typeof value === 'string' && canBeLiteral(value)) {
    return [`${head} ${renderLiteral(value, column + style.step)}`];
  }
  return [`${head} ${inlineValue(value)}`];
}

function renderMapLines(value: { [key: string]: JsonValue }, column: number, style: BlockStyle): string[] {
  return Object.entries(value).flatMap(([key, item]) =>
    renderPairLines(renderKey(key, false, false), item, column, style),
  );
}

function renderSeqLines(values: readonly JsonValue[], column: number, style: BlockStyle): string[] {
  return values.flatMap((value) => renderItemLines(value, column, style));
}

/** Lines of one `- item` whose dash is at `column`; maps and lists start on the dash's line. */
export function renderItemLines(value: JsonValue, column: number, style: BlockStyle): string[] {
  const dash = `${pad(column)}- `;
  if (isNonEmptyCollection(value)) {
    const inner = Array.isArray(value)
      ? renderSeqLines(value, column + 2, style)
      : renderMapLines(value, column + 2, style);
    return inner.map((line, i) => (i === 0 ? dash + line.slice(column + 2) : line));
  }
  if (typeof value === 'string' && canBeLiteral(value)) return [dash + renderLiteral(value, column + 2)];
  return [dash + inlineValue(value)];
}

/**
 * One-line flow rendering: `{a: b, c: [1, 2]}`, or JSON with `"a": 1` spacing. `sibling` is the
 * quoting of a neighbouring scalar, so `["/tool", "serve"]` grows as `"--debug"`, not `--debug`.
 */
export function renderFlow(value: JsonValue, json: boolean, sibling?: Scalar.Type): string {
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item, json, sibling)).join(', ')}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${renderKey(key, json, true)}: ${renderFlow(item, json, sibling)}`);
    return `{${entries.join(', ')}}`;
  }
  return renderScalar(value, { json, inFlow: true, previous: sibling });
}

/** Pretty JSON whose continuation lines sit under an entry at `column`. */
export function renderJsonPretty(value: JsonValue, column: number, step: number): string {
  return JSON.stringify(value, null, step).split('\n').join(`\n${pad(column)}`);
}
