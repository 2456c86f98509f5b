import { describe, expect, it } from '@jest/globals';
import { parseDocuments } from '../../../src/baseline/parse-documents.js';

const values = (text: string) => {
  const result = parseDocuments(text);
  if (!('documents' in result)) throw new Error(JSON.stringify(result));
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

  it.each([
    ['a Helm action in a quoted value', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-config"\n', 4],
    ['a control line', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- if $enabled }}\ndata: {}\n{{- end }}\n', 5],
    ['an unquoted action as a value', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ $replicas }}\n', 6],
  ])('recognises a Go template: %s', (_case, text, line) => {
    expect(parseDocuments(text)).toEqual({ template: { line } });
  });

  it.each([
    ['a PrometheusRule annotation', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: Down\n      annotations:\n        summary: "{{ $labels.instance }} is down"\n'],
    ['an Alertmanager template in a block scalar', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: am\ndata:\n  slack.tmpl: |\n    {{ define "slack" }}{{ range .Alerts }}{{ .Labels.alertname }}{{ end }}{{ end }}\n'],
  ])('reads template text that manifests hold as data: %s', (_case, text) => {
    expect(values(text)).toHaveLength(1);
  });

  it('reports a syntax error as such when the broken line holds no template action', () => {
    expect(parseDocuments('data:\n  a: "{{ $x }}"\n  b: [oops\n')).toEqual({ error: expect.objectContaining({ line: 4 }) });
  });
});
