import { isJsonObject, type Change } from '../../model/index.js';
import { editContextFor } from './edit-context.js';
import { applyExpected } from './json-values.js';
import { locateNode, UnsafeEdit } from './locate-node.js';
import { planEdit } from './plan-edit.js';
import { isIndexSegment, parsePointer } from './pointer.js';
import { applySplices } from './text-layout.js';
import { parseFile, verifyEdit, type ParsedFile } from './verify-edit.js';

export interface SourceEdit {
  text: string;
  applied: Change[];
  skipped: Array<{ change: Change; reason: string }>;
}

/** The live object and the object as Git has it (parsed from the same document). */
export interface EditSubject {
  live: Readonly<Record<string, unknown>>;
  baseline: Readonly<Record<string, unknown>>;
}

const SECRET_REASON = 'Secret data is never written to Git: rotate the value in the secret store';

function isSecretData(change: Change, subject: EditSubject): boolean {
  const kind = subject.live.kind ?? subject.baseline.kind;
  return change.redacted === true || (kind === 'Secret' && /^\/(data|stringData)(\/|$)/.test(change.path));
}

function comparePointers(a: string, b: string): number {
  const left = parsePointer(a) ?? [];
  const right = parsePointer(b) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    if (isIndexSegment(x) && isIndexSegment(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Replacements first; removals from the highest list index down, so positional removals do not
 * shift each other; additions from the lowest index up, so each lands where live has it.
 */
function processingOrder(changes: readonly Change[]): number[] {
  const rank = { replace: 0, remove: 1, add: 2 } as const;
  return changes
    .map((_, i) => i)
    .sort((i, j) => {
      const a = changes[i] as Change;
      const b = changes[j] as Change;
      if (a.op !== b.op) return rank[a.op] - rank[b.op];
      if (a.op === 'remove') return comparePointers(b.path, a.path);
      if (a.op === 'add') return comparePointers(a.path, b.path);
      return i - j;
    });
}

function identityOf(value: unknown): string | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return undefined;
  return `${String(value.kind)} ${String(value.metadata.name)}`;
}

type Outcome = { text: string } | { reason: string };

function applyOne(file: ParsedFile, documentIndex: number, change: Change, subject: EditSubject): Outcome {
  const doc = file.docs[documentIndex];
  if (doc === undefined) return { reason: `the file has no document ${documentIndex}` };
  const sourceValue = file.values[documentIndex];
  const expectedIdentity = identityOf(subject.baseline);
  if (expectedIdentity !== undefined && identityOf(sourceValue) !== expectedIdentity) {
    return { reason: `document ${documentIndex} is not ${expectedIdentity}` };
  }
  const segments = parsePointer(change.path);
  if (segments === undefined) return { reason: `"${change.path}" is not a JSON pointer` };
  const located = locateNode(doc, sourceValue, subject.live, segments, change);
  const planned = planEdit(editContextFor(doc, file.text), located, change.op === 'remove' ? 'remove' : 'set', change.live);
  if (planned === undefined) return { reason: 'the source already matches the live object' };
  const text = applySplices(file.text, [planned.splice]);
  const failure = verifyEdit(file, text, documentIndex, applyExpected(sourceValue, planned.expected));
  return failure === undefined ? { text } : { reason: failure };
}

/**
 * Applies `changes` to document `documentIndex` of a multi-document YAML or JSON file. Untouched
 * lines stay byte-for-byte identical; each change is verified by re-reading the result, and a
 * change that cannot be made exactly is skipped with the reason, never half-written.
 */
export function applyChangesToSource(
  text: string,
  documentIndex: number,
  changes: readonly Change[],
  subject: EditSubject,
): SourceEdit {
  let current = text;
  const outcomes = new Map<number, string | undefined>();
  for (const i of processingOrder(changes)) {
    const change = changes[i] as Change;
    if (isSecretData(change, subject)) {
      outcomes.set(i, SECRET_REASON);
      continue;
    }
    try {
      const outcome = applyOne(parseFile(current), documentIndex, change, subject);
      if ('text' in outcome) current = outcome.text;
      outcomes.set(i, 'reason' in outcome ? outcome.reason : undefined);
    } catch (error) {
      if (error instanceof UnsafeEdit) outcomes.set(i, error.message);
      else if (error instanceof Error) outcomes.set(i, `the edit was not applied: ${error.message}`);
      else throw error;
    }
  }
  const applied = changes.filter((_, i) => outcomes.get(i) === undefined);
  const skipped = changes.flatMap((change, i) => {
    const reason = outcomes.get(i);
    return reason === undefined ? [] : [{ change, reason }];
  });
  return { text: current, applied, skipped };
}
