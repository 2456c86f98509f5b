import { isCollection, isMap, isScalar, isSeq } from 'yaml';
import { isJsonObject, type JsonValue } from '../../model/index.js';
import { addBlockItem, addBlockPair, removeBlockItem, removeBlockPair, rewriteBlockItem, rewriteBlockPair } from './block-edit.js';
import { dashOffset, rangeOf, type EditContext } from './edit-context.js';
import { addFlowEntry, removeFlowEntry, replaceFlowValue } from './flow-edit.js';
import { deepEqual, nestValue, type ExpectedOp, type SourcePath } from './json-values.js';
import { UnsafeEdit, type Located, type Step } from './locate-node.js';
import { renderFlow } from './render-value.js';
import { replaceScalar } from './replace-scalar.js';
import { columnOf, contentEnd, type Splice } from './text-layout.js';

export interface PlannedEdit {
  splice: Splice;
  expected: ExpectedOp;
}

function pathOf(steps: readonly Step[], through: number): SourcePath {
  return steps.slice(0, through + 1).map((step) => step.key);
}

function isPrimitive(value: JsonValue): value is string | number | boolean | null {
  return !Array.isArray(value) && !isJsonObject(value);
}

function isEmptyCollection(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isJsonObject(value) && Object.keys(value).length === 0;
}

function ownerColumn(ctx: EditContext, step: Step): number {
  const anchor = step.pair ? rangeOf(step.pair.key)?.[0] : dashOffset(ctx.text, step.node);
  return anchor === undefined ? 0 : columnOf(ctx.text, anchor);
}

function replaceEntry(ctx: EditContext, step: Step, value: JsonValue): Splice {
  const { node } = step;
  if (step.collection.flow) return replaceFlowValue(ctx, step.collection, node, value);
  if (isScalar(node) && isPrimitive(value)) return replaceScalar(ctx, node, value, ownerColumn(ctx, step), false);
  if (isScalar(node) && isEmptyCollection(value)) {
    const range = rangeOf(node);
    if (range && range[0] !== range[1]) return { start: range[0], end: contentEnd(ctx.text, range), text: renderFlow(value, false) };
  }
  if (isCollection(node) && node.flow) {
    const range = rangeOf(node);
    if (range) return { start: range[0], end: contentEnd(ctx.text, range), text: renderFlow(value, false) };
  }
  return step.pair ? rewriteBlockPair(ctx, step.pair, value) : rewriteBlockItem(ctx, node, value);
}

function addEntry(ctx: EditContext, step: Step, value: JsonValue): Splice {
  const { collection, key } = step;
  if (collection.flow) return addFlowEntry(ctx, collection, key, value);
  if (isMap(collection)) return addBlockPair(ctx, collection, String(key), value);
  return addBlockItem(ctx, collection, Number(key), value);
}

/**
 * Removing the last entry of a map or list: when the live object has no such map or list either,
 * its key goes too (`labels:` with nothing under it would read back as null, not as absent);
 * when live keeps it, or it is a list element that must stay, it is written as `{}` or `[]`.
 */
function planRemove(ctx: EditContext, steps: readonly Step[], at: number): PlannedEdit {
  const step = steps[at];
  if (step === undefined) throw new UnsafeEdit('nothing to remove');
  const { collection } = step;
  const parent = at > 0 ? steps[at - 1] : undefined;
  if (collection.items.length === 1 && parent !== undefined) {
    if (parent.live === undefined && isMap(parent.collection)) return planRemove(ctx, steps, at - 1);
    const empty: JsonValue = isSeq(collection) ? [] : {};
    return { splice: replaceEntry(ctx, parent, empty), expected: { kind: 'set', path: pathOf(steps, at - 1), value: empty } };
  }
  const index = isMap(collection) ? collection.items.findIndex((pair) => pair === step.pair) : Number(step.key);
  const splice = collection.flow
    ? removeFlowEntry(ctx.text, collection, index)
    : isMap(collection)
      ? removeBlockPair(ctx.text, collection, index)
      : removeBlockItem(ctx.text, collection, index);
  return { splice, expected: { kind: 'delete', path: pathOf(steps, at) } };
}

/** Plans one change, or returns undefined when the source already says what live says. */
export function planEdit(ctx: EditContext, located: Located, op: 'set' | 'remove', value?: JsonValue): PlannedEdit | undefined {
  const { steps, present, rest } = located;
  const last = steps[steps.length - 1];
  if (last === undefined) throw new UnsafeEdit('the change targets the whole object');
  const path = pathOf(steps, steps.length - 1);
  if (op === 'remove') return present && rest.length === 0 ? planRemove(ctx, steps, steps.length - 1) : undefined;
  if (value === undefined) throw new UnsafeEdit('the change carries no live value');
  if (present && rest.length === 0 && deepEqual(last.source, value)) return undefined;
  const written = nestValue(rest, value, last.live);
  if (written === undefined) throw new UnsafeEdit('cannot create list elements that the source does not have');
  if (present) return { splice: replaceEntry(ctx, last, written), expected: { kind: 'set', path, value: written } };
  const kind = isSeq(last.collection) ? 'insert' : 'set';
  return { splice: addEntry(ctx, last, written), expected: { kind, path, value: written } };
}
