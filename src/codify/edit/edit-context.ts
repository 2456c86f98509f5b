import { isCollection, isMap, isNode, isPair, isSeq, visit, type Document, type Pair } from 'yaml';
import type { BlockStyle } from './render-value.js';
import { columnOf, contentEnd, type Range } from './text-layout.js';

/** What every edit of one file needs to know: its text, whether it is JSON, and its indentation habits. */
export interface EditContext {
  text: string;
  json: boolean;
  /** JSON spread over several lines: new JSON objects are written pretty-printed. */
  prettyJson: boolean;
  style: BlockStyle;
}

export function rangeOf(node: unknown): Range | undefined {
  return isNode(node) ? (node.range ?? undefined) : undefined;
}

/** Offset of the `-` introducing a block sequence item, when it sits right before the item. */
export function dashOffset(text: string, item: unknown): number | undefined {
  const range = rangeOf(item);
  if (range === undefined) return undefined;
  let i = range[0] - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === '-' ? i : undefined;
}

/** End of a map entry's own text: its value, or the key when the value is empty. */
export function entryEnd(text: string, pair: Pair): number {
  const keyRange = rangeOf(pair.key);
  const valueRange = rangeOf(pair.value);
  const keyEnd = keyRange ? keyRange[1] : 0;
  if (valueRange === undefined || valueRange[0] === valueRange[1]) return keyEnd;
  return Math.max(keyEnd, contentEnd(text, valueRange));
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Learns the nesting step and the sequence indentation from the first examples in the document. */
function detectBlockStyle(doc: Document.Parsed, text: string): BlockStyle {
  let step: number | undefined;
  let seqIndent: number | undefined;
  visit(doc, {
    Pair: (_key, pair) => {
      const keyRange = rangeOf(pair.key);
      if (keyRange === undefined) return;
      const keyColumn = columnOf(text, keyRange[0]);
      if (step === undefined && isMap(pair.value) && !pair.value.flow) {
        const first = rangeOf(pair.value.items[0]?.key);
        if (first) step = columnOf(text, first[0]) - keyColumn;
      }
      if (seqIndent === undefined && isSeq(pair.value) && !pair.value.flow) {
        const dash = dashOffset(text, pair.value.items[0]);
        if (dash !== undefined) seqIndent = columnOf(text, dash) - keyColumn;
      }
    },
  });
  const chosenStep = step !== undefined && step > 0 ? step : 2;
  return { step: chosenStep, seqIndent: seqIndent !== undefined && seqIndent >= 0 ? seqIndent : chosenStep };
}

/** Indentation of a JSON file: how far its root's first member sits from the root's own line. */
function jsonStep(root: unknown, text: string): number {
  const first: unknown = isCollection(root) ? root.items[0] : undefined;
  const start = rangeOf(isPair(first) ? first.key : first);
  const rootRange = rangeOf(root);
  if (start === undefined || rootRange === undefined) return 2;
  const step = columnOf(text, start[0]) - columnOf(text, rootRange[0]);
  return step > 0 ? step : 2;
}

export function editContextFor(doc: Document.Parsed, text: string): EditContext {
  const root = doc.contents;
  const json = isCollection(root) && root.flow === true && isJsonText(text);
  const style = json ? { step: jsonStep(root, text), seqIndent: 2 } : detectBlockStyle(doc, text);
  return { text, json, prettyJson: json && text.trim().includes('\n'), style };
}
