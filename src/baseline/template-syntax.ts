import { isMap, visit, type Document, type LineCounter } from 'yaml';

/** What to do with a template instead, said in every message about one. */
export const RENDER_FIRST = 'render it (helm template) and scan the output';

/**
 * Helm template actions: the chart's built-in objects and its functions for nesting YAML. Other
 * Go template text (`{{ $labels.instance }}` in a PrometheusRule, an Alertmanager template in a
 * ConfigMap) is data that real manifests hold, so it alone does not make a file a template.
 */
const HELM_ACTION = /\{\{-?\s*(?:\$?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|(?:include|template|toYaml|tpl|required)\s)/;

/**
 * The 1-based line of the first Go template action that makes this text a template rather than a
 * manifest, or undefined: a Helm action anywhere; a YAML error on a line holding `{{` (template
 * control lines such as `{{- if .Values.x }}` are not YAML); or `{{ x }}` as an unquoted value,
 * which YAML reads as a mapping with a mapping for a key.
 */
export function findTemplateSyntax(text: string, docs: readonly Document.Parsed[], lines: LineCounter): number | undefined {
  if (!text.includes('{{')) return undefined;
  const helm = HELM_ACTION.exec(text);
  if (helm) return lines.linePos(helm.index).line;
  for (const doc of docs) {
    const [first] = doc.errors;
    if (first) {
      const { line } = lines.linePos(first.pos[0]);
      return lineText(text, lines, line).includes('{{') ? line : undefined;
    }
  }
  let found: number | undefined;
  for (const doc of docs) {
    visit(doc, {
      Map(_key, node) {
        const start = node.range?.[0];
        if (node.flow && start !== undefined && text.startsWith('{{', start) && isMap(node.items[0]?.key)) {
          found = lines.linePos(start).line;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

function lineText(text: string, lines: LineCounter, line: number): string {
  const start = lines.lineStarts[line - 1] ?? 0;
  const end = lines.lineStarts[line] ?? text.length;
  return text.slice(start, end);
}
