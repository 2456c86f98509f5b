import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { applyChangesToSource } from '../../../../src/codify/edit/index.js';
import type { Change } from '../../../../src/model/index.js';
import { lineDiff } from './line-diff.js';

type Json = Record<string, unknown>;

function subjectOf(text: string, live?: Json): { live: Json; baseline: Json } {
  const baseline = parse(text, { version: '1.1' }) as Json;
  return { live: live ?? baseline, baseline };
}

const configMap = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app', 'data:', '  a: "1"'].join('\n');

function reasonFor(text: string, change: Change, documentIndex = 0): string | undefined {
  const result = applyChangesToSource(text, documentIndex, [change], { live: {}, baseline: {} });
  expect(result.text).toBe(text);
  return result.skipped[0]?.reason;
}

describe('applyChangesToSource', () => {
  it('keeps a missing final newline missing and CRLF line endings as they are', () => {
    const add: Change = { op: 'add', path: '/data/b', live: 'x\ny' };
    expect(applyChangesToSource(configMap, 0, [add], subjectOf(configMap)).text).toBe(`${configMap}\n  b: |-\n    x\n    y`);

    const crlf = `${configMap}\n`.replace(/\n/g, '\r\n');
    const edited = applyChangesToSource(crlf, 0, [add], subjectOf(crlf)).text;
    expect(edited).toBe(`${crlf}  b: |-\r\n    x\r\n    y\r\n`);
  });

  it('adds a top-level key of a document inside its own markers, before `...` and the next document', () => {
    const text = `---\n${configMap}\n...\n---\n${configMap}\n`;
    const result = applyChangesToSource(text, 0, [{ op: 'add', path: '/immutable', live: true }], subjectOf(configMap));
    expect(lineDiff(text, result.text)).toEqual(['+immutable: true']);
    expect(result.text.indexOf('immutable')).toBeLessThan(result.text.indexOf('...'));
  });

  it('matches Service ports by port and protocol, with TCP as the default', () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: dns', 'spec:', '  ports:',
      '  - {port: 53, protocol: UDP, targetPort: 5353}', '  - {port: 53, targetPort: 5353}', ''].join('\n');
    const live = { ...subjectOf(text).baseline, spec: { ports: [
      { port: 53, protocol: 'TCP', targetPort: 5454 },
      { port: 53, protocol: 'UDP', targetPort: 5353 },
    ] } };
    const result = applyChangesToSource(text, 0, [{ op: 'replace', path: '/spec/ports/0/targetPort', baseline: 5353, live: 5454 }], subjectOf(text, live));
    expect(lineDiff(text, result.text)).toEqual(['-  - {port: 53, targetPort: 5353}', '+  - {port: 53, targetPort: 5454}']);
  });

  it('removes the first key of a compact list item by moving the next key behind the dash', () => {
    const text = ['kind: Pod', 'metadata:', '  name: p', 'spec:', '  tolerations:', '  - operator: Exists', '    effect: NoSchedule', ''].join('\n');
    const result = applyChangesToSource(text, 0, [{ op: 'remove', path: '/spec/tolerations/0/operator', baseline: 'Exists' }], subjectOf(text));
    expect(lineDiff(text, result.text)).toEqual(['-  - operator: Exists', '-    effect: NoSchedule', '+  - effect: NoSchedule']);
  });

  it('replaces a scalar by a map and a map by a scalar, rewriting only that entry', () => {
    const text = ['kind: X', 'metadata:', '  name: x', 'spec:', '  a: 1  # one', '  b:', '    c: 2', '  d: 3', ''].join('\n');
    const result = applyChangesToSource(text, 0, [
      { op: 'replace', path: '/spec/a', baseline: 1, live: { e: 'f' } },
      { op: 'replace', path: '/spec/b', baseline: { c: 2 }, live: 'flat' },
    ], subjectOf(text));
    expect(result.skipped).toEqual([]);
    expect(lineDiff(text, result.text)).toEqual(['-  a: 1  # one', '-  b:', '-    c: 2', '+  a:', '+    e: f', '+  b: flat']);
  });

  it('fills an empty map key below its own line, and an explicit null', () => {
    const text = ['kind: X', 'metadata:', '  name: x', '  labels:  # filled by CI', '  annotations: null', ''].join('\n');
    const result = applyChangesToSource(text, 0, [
      { op: 'add', path: '/metadata/labels/app', live: 'x' },
      { op: 'add', path: '/metadata/annotations/note', live: 'y' },
    ], subjectOf(text));
    expect(result.skipped).toEqual([]);
    expect(lineDiff(text, result.text)).toEqual(['-  annotations: null', '+    app: x', '+  annotations:', '+    note: "y"']);
  });

  it('skips, with a reason and without touching the text, what it cannot edit exactly', () => {
    expect(reasonFor(configMap, { op: 'replace', path: '/data/a', live: '2' }, 1)).toBe('the file has no document 1');
    expect(reasonFor(configMap, { op: 'replace', path: '', live: {} })).toBe('the change targets the whole object');
    expect(reasonFor(configMap, { op: 'replace', path: 'data', live: {} })).toBe('"data" is not a JSON pointer');
    expect(reasonFor(configMap, { op: 'add', path: '/data/a/b', live: 'x' })).toBe('/data/a is not a map or a list in the source');
    expect(reasonFor(configMap, { op: 'replace', path: '/data/a' })).toBe('the change carries no live value');
    expect(reasonFor(configMap, { op: 'replace', path: '/data/a', live: '1' })).toBe('the source already matches the live object');
    expect(reasonFor(configMap, { op: 'remove', path: '/data/zz', baseline: 'x' })).toBe('the source already matches the live object');
    expect(reasonFor(`${configMap}\n  b: [unclosed\n`, { op: 'replace', path: '/data/a', live: '2' })).toMatch(/^the edit was not applied: the file does not parse as YAML: /);
    expect(reasonFor('kind: Pod\nspec:\n  args:\n  - - a\n    - b\n', { op: 'remove', path: '/spec/args/0/0', baseline: 'a' })).toBe(
      'list item shares its line with other content',
    );
  });

  it('refuses to edit a document that is not the object of the drift', () => {
    const result = applyChangesToSource(configMap, 0, [{ op: 'replace', path: '/data/a', live: '2' }], {
      live: {},
      baseline: { kind: 'ConfigMap', metadata: { name: 'other' } },
    });
    expect(result.skipped[0]?.reason).toBe('document 0 is not ConfigMap other');
  });

  it('does not create list elements below an element the source does not have', () => {
    const text = ['kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: a', ''].join('\n');
    const live = { ...subjectOf(text).baseline, spec: { containers: [{ name: 'a' }, { name: 'b', env: [{ name: 'X' }] }] } };
    const result = applyChangesToSource(text, 0, [{ op: 'add', path: '/spec/containers/1/env/0', live: { name: 'X' } }], subjectOf(text, live));
    expect(result.skipped[0]?.reason).toBe('list element spec/containers/1 is not in the source');
  });
});
