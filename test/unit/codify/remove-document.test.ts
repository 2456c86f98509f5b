import { describe, expect, it } from '@jest/globals';
import { removeDocument } from '../../../src/codify/remove-document.js';

const FILE = `# shared header
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
# b's own comment
apiVersion: v1
kind: ConfigMap
metadata: {name: b}  # two spaces kept
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
`;

describe('removeDocument', () => {
  it('cuts a middle document and keeps every other byte', () => {
    expect(removeDocument(FILE, 1)).toBe(FILE.replace(/---\n# b's own comment\n[^]*?(?=---)/, ''));
  });

  it('cuts the first and the last document', () => {
    expect(removeDocument(FILE, 0)).toBe(`# shared header\n${FILE.slice(FILE.indexOf('---'))}`);
    expect(removeDocument(FILE, 2)).toBe(FILE.slice(0, FILE.lastIndexOf('---')));
  });

  it('answers null for the only document and undefined for one that is not there', () => {
    expect(removeDocument('kind: A\n', 0)).toBeNull();
    expect(removeDocument(FILE, 3)).toBeUndefined();
  });
});
