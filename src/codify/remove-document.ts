import { Parser } from 'yaml';

/**
 * Removes document `index` (as parseAllDocuments counts them) from a multi-document file by
 * cutting its span of source text, so every other byte stays as it was. Returns null when the
 * file would hold no other document: the caller deletes the file.
 */
export function removeDocument(text: string, index: number): string | null | undefined {
  const starts: number[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') starts.push(token.offset);
  }
  const start = starts[index];
  if (start === undefined) return undefined;
  if (starts.length === 1) return null;
  const end = starts[index + 1] ?? text.length;
  return text.slice(0, start) + text.slice(end);
}
