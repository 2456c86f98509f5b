import { parseAllDocuments, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { deepEqual } from './json-values.js';

/**
 * Read as kubectl reads (and as the baseline stage does): YAML 1.1 through go-yaml v2, `<<`
 * merges resolved, timestamps and sexagesimal numbers left as strings. The edit is verified under
 * this reading, so what we write is what kubectl will apply.
 */
const KUBECTL_READING: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  customTags: (tags) =>
    tags.filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME')),
};

/**
 * yaml's default (100) refuses harmless files that reuse one anchor often; this bound, about the
 * expanded size the baseline stage accepts, still stops alias bombs.
 */
const MAX_ALIAS_COUNT = 1_000_000;

function documentValue(doc: Document.Parsed): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

export interface ParsedFile {
  text: string;
  docs: Document.Parsed[];
  values: unknown[];
}

export function parseFile(text: string): ParsedFile {
  const docs = [...parseAllDocuments(text, KUBECTL_READING)];
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken) throw new Error(`the file does not parse as YAML: ${broken.errors[0]?.message ?? 'unknown error'}`);
  return { text, docs, values: docs.map(documentValue) };
}

/**
 * Re-reads the edited text: the edited document must equal `expected` and every other document
 * must be byte-for-byte what it was. Gives the re-read file, or the reason to skip the change.
 */
export function verifyEdit(
  before: ParsedFile,
  afterText: string,
  index: number,
  expected: unknown,
): { file: ParsedFile } | { reason: string } {
  let after: ParsedFile;
  try {
    after = parseFile(afterText);
  } catch (error) {
    return { reason: `the edit was not applied: the result ${(error as Error).message.replace(/^the file /, '')}` };
  }
  const edited = before.docs[index];
  if (edited === undefined || after.docs.length !== before.docs.length) {
    return { reason: 'the edit was not applied: it would change the number of documents' };
  }
  const [start, , end] = edited.range;
  const delta = afterText.length - before.text.length;
  const othersKept =
    afterText.slice(0, start) === before.text.slice(0, start) && afterText.slice(end + delta) === before.text.slice(end);
  const valuesKept = after.values.every((value, i) => i === index || deepEqual(value, before.values[i]));
  if (!othersKept || !valuesKept) return { reason: 'the edit was not applied: it would change other documents' };
  if (!deepEqual(after.values[index], expected)) {
    return { reason: 'the edit was not applied: the re-read document would not hold exactly the live value' };
  }
  return { file: after };
}
