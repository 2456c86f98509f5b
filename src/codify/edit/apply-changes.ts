import { isJsonObject, isSecretData, type Change } from '../../model/index.js';
import { editContextFor } from './edit-context.js';
import { applyExpected } from './json-values.js';
import { locateNode, UnsafeEdit } from './locate-node.js';
import { planEdit } from './plan-edit.js';
import { isIndexSegment, parsePointer } from './pointer.js';
import { applySplice } from './text-layout.js';
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

/** The list a pointer indexes last, and the index: `/a/0/b/3/c` is list `/a/0/b`, index 3. */
function lastListIndex(path: string): { list: string; index: number } | undefined {
  const segments = parsePointer(path) ?? [];
  const at = segments.findLastIndex(isIndexSegment);
  return at === -1 ? undefined : { list: segments.slice(0, at).join('/'), index: Number(segments[at]) };
}

/**
 * Replacements first, then removals, then additions, each in the given order except within one
 * list: removals there go from the highest index down, so positional removals do not shift each
 * other, and additions from the lowest up, so each lands where live has it.
 */
function processingOrder(changes: readonly Change[]): number[] {
  const ops = ['replace', 'remove', 'add'] as const;
  return ops.flatMap((op) => {
    const slots = changes.flatMap((change, i) => (change.op === op ? [i] : []));
    const byList = new Map<string, number[]>();
    for (const i of slots) {
      const list = lastListIndex((changes[i] as Change).path)?.list;
      if (list !== undefined) byList.set(list, [...(byList.get(list) ?? []), i]);
    }
    const order = [...slots];
    for (const members of byList.values()) {
      const indexOf = (i: number): number => lastListIndex((changes[i] as Change).path)?.index ?? 0;
      const sorted = [...members].sort((i, j) => (op === 'remove' ? indexOf(j) - indexOf(i) : indexOf(i) - indexOf(j)));
      const positions = members.map((member) => order.indexOf(member));
      positions.forEach((position, k) => (order[position] = sorted[k] as number));
    }
    return order;
  });
}

function identityOf(value: unknown): string | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return undefined;
  return `${String(value.kind)} ${String(value.metadata.name)}`;
}

type Outcome = { file: ParsedFile } | { reason: string };

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
  // Written lines end as the file's lines end.
  const { splice } = planned;
  const eol = file.text.includes('\r\n') ? { ...splice, text: splice.text.replace(/\r?\n/g, '\r\n') } : splice;
  return verifyEdit(file, applySplice(file.text, eol), documentIndex, applyExpected(sourceValue, planned.expected));
}

function reasonOf(error: unknown): string {
  if (error instanceof UnsafeEdit) return error.message;
  if (error instanceof Error) return `the edit was not applied: ${error.message}`;
  throw error;
}

/**
 * Applies `changes` to document `documentIndex` of a multi-document YAML or JSON file.
 *
 * Untouched lines stay byte-for-byte identical: every edit is one splice of the source text at
 * node ranges yaml reports, never a re-serialization (which would fold long lines, re-indent
 * kubectl-style lists and collapse comment spacing). Each change is verified by re-reading the
 * result as kubectl would: the document must equal the source with exactly that change, every
 * other document must be unchanged byte for byte; otherwise the change is skipped with the
 * reason. Skipped: Secret data, anything reached through anchors, aliases or `<<`, and changes
 * the source already carries (so a second run changes nothing).
 */
export function applyChangesToSource(
  text: string,
  documentIndex: number,
  changes: readonly Change[],
  subject: EditSubject,
): SourceEdit {
  const outcomes = new Map<number, string | undefined>();
  let file: ParsedFile | undefined;
  let fileProblem: string | undefined;
  try {
    file = parseFile(text);
  } catch (error) {
    fileProblem = reasonOf(error);
  }
  for (const i of processingOrder(changes)) {
    const change = changes[i] as Change;
    if (isSecretData(subject.live.kind === undefined ? subject.baseline : subject.live, change)) outcomes.set(i, SECRET_REASON);
    else if (file === undefined) outcomes.set(i, fileProblem);
    else {
      try {
        const outcome = applyOne(file, documentIndex, change, subject);
        if ('file' in outcome) file = outcome.file;
        outcomes.set(i, 'reason' in outcome ? outcome.reason : undefined);
      } catch (error) {
        outcomes.set(i, reasonOf(error));
      }
    }
  }
  const applied = changes.filter((_, i) => outcomes.get(i) === undefined);
  const skipped = changes.flatMap((change, i) => {
    const reason = outcomes.get(i);
    return reason === undefined ? [] : [{ change, reason }];
  });
  return { text: file?.text ?? text, applied, skipped };
}
