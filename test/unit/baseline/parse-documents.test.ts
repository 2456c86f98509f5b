import { describe, expect, it } from '@jest/globals';
import { parseDocuments } from '../../../src/baseline/parse-documents.js';

const values = (text: string) => {
  const result = parseDocuments(text);
  if ('error' in result) throw new Error(result.error.reason);
  return result.documents.map((doc) => doc.value);
};

describe('parseDocuments', () => {
  it('resolves scalars as Kubernetes does (YAML 1.1 through go-yaml v2), not as YAML 1.2', () => {
    expect(values('mode: 0644\npaused: yes\noff: Off\nhex: 0x1F\nbig: 1_000\ndate: 2026-11-27\ntime: 1:20\nquoted: "0644"\n')).toEqual([
      { mode: 420, paused: true, false: false, hex: 31, big: 1000, date: '2026-11-27', time: '1:20', quoted: '0644' },
    ]);
  });

  it('counts empty documents in the index and drops them', () => {
    const result = parseDocuments('---\n---\na: 1\n--- ~\n---\nb: 2\n');
    expect(result).toEqual({
      documents: [
        { index: 1, line: 3, value: { a: 1 }, itemLines: [] },
        { index: 3, line: 6, value: { b: 2 }, itemLines: [] },
      ],
    });
  });

  it('reports only the first syntax error of a file, with its document, line and column', () => {
    expect(parseDocuments('a: 1\na: 2\n---\nb: [\n')).toEqual({ error: { document: 0, line: 2, column: 1, reason: 'Map keys must be unique' } });
  });
});
