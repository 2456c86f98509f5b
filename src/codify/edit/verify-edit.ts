import { parseAllDocuments, type Document } from 'yaml';
import { deepEqual } from './json-values.js';

/**
 * A harmless manifest may reference one anchor more than yaml's default 100 times; alias bombs
 * expand far beyond this limit and are still refused.
 */
const MAX_ALIAS_COUNT = 1000;

export function documentValue(doc: Document.Parsed): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

export interface ParsedFile {
  text: string;
  docs: Document.Parsed[];
  values: unknown[];
}

export function parseFile(text: string): ParsedFile {
  const docs = [...parseAllDocuments(text)];
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken) throw new Error(`the file does not parse as YAML: ${broken.errors[0]?.message ?? 'unknown error'}`);
  return { text, docs, values: docs.map(documentValue) };
}

/**
 * Re-reads the edited text: the edited document must equal `expected` and every other document
 * must be byte-for-byte what it was. Returns the reason when not, so the change is skipped.
 */
export function verifyEdit(before: ParsedFile, afterText: string, index: number, expected: unknown): string | undefined {
  let after: ParsedFile;
  try {
    after = parseFile(afterText);
  } catch (error) {
    return `the edit was not applied: the result ${(error as Error).message.replace(/^the file /, '')}`;
  }
  const edited = before.docs[index];
  if (edited === undefined || after.docs.length !== before.docs.length) {
    return 'the edit was not applied: it would change the number of documents';
  }
  const [start, , end] = edited.range;
  const delta = afterText.length - before.text.length;
  const othersKept =
    afterText.slice(0, start) === before.text.slice(0, start) && afterText.slice(end + delta) === before.text.slice(end);
  const valuesKept = after.values.every((value, i) => i === index || deepEqual(value, before.values[i]));
  if (!othersKept || !valuesKept) return 'the edit was not applied: it would change other documents';
  if (!deepEqual(after.values[index], expected)) {
    return 'the edit was not applied: the re-read document would not hold exactly the live value';
  }
  return undefined;
}
