import { Scalar } from 'yaml';
import type { JsonPrimitive } from '../../model/index.js';
import type { EditContext } from './edit-context.js';
import { renderScalar } from './render-scalar.js';
import { contentEnd, indentationOf, lineEnd, type Splice } from './text-layout.js';

function isBlockScalar(node: Scalar): boolean {
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}

/** Column of an existing block scalar's content, so a rewritten block lines up with the old one. */
function blockContentColumn(text: string, start: number, end: number): number | undefined {
  const line = text.slice(start, end).split('\n').slice(1).find((candidate) => candidate.trim() !== '');
  return line === undefined ? undefined : indentationOf(line);
}

/**
 * Rewrites only the scalar's own characters, so the key, the spacing and a trailing comment on
 * the line stay. A multi-line string becomes a literal block only where nothing follows the
 * value on its line (a comment there would end up inside the block).
 */
export function replaceScalar(
  ctx: EditContext,
  node: Scalar,
  value: JsonPrimitive,
  ownerColumn: number,
  inFlow: boolean,
): Splice {
  const { text } = ctx;
  const range = node.range;
  if (!range) throw new Error('scalar without a source range');
  const start = range[0];
  const end = contentEnd(text, range);
  let literalColumn: number | undefined;
  if (!inFlow && !ctx.json) {
    const restOfLineBlank = text.slice(end, lineEnd(text, end)).trim() === '';
    if (isBlockScalar(node)) literalColumn = blockContentColumn(text, start, end) ?? ownerColumn + ctx.style.step;
    else if (restOfLineBlank) literalColumn = ownerColumn + ctx.style.step;
  }
  const rendered = renderScalar(value, { json: ctx.json, inFlow, previous: node.type, literalColumn });
  const needsSpace = start === end && start > 0 && !/\s/.test(text.charAt(start - 1));
  return { start, end, text: needsSpace ? ` ${rendered}` : rendered };
}
