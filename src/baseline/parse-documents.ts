import {
  Document,
  isMap,
  isScalar,
  isNode,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type DocumentOptions,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
} from 'yaml';
import type { JsonValue } from '../model/index.js';
import { measureExpansion } from './alias-expansion.js';
import { PLAIN_REFUSED, readPlainDocuments, type ResolvePlain } from './plain-yaml.js';
import { findTemplateSyntax } from './template-syntax.js';

/**
 * A document may grow through aliases to this many nodes (about 100 MB of JavaScript objects);
 * beyond that it is refused as an alias bomb. A document without aliases is bounded by the file
 * size limit instead, and this keeps legitimate anchor reuse (a thousand references to a block
 * of labels) far below it.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Scalars resolve as Kubernetes resolves them: sigs.k8s.io/yaml uses go-yaml v2, a YAML 1.1
 * parser, so `defaultMode: 0644` is 420 and `paused: yes` is true (YAML 1.2 would read 644 and
 * "yes", a false drift against the live object). go-yaml v2 keeps timestamps and `1:20`
 * (sexagesimal) as strings when decoding into untyped values, so those tags are left out.
 */
const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  prettyErrors: false,
  customTags: (tags) =>
    tags.filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME')),
};

export interface ParsedDocument {
  /** 0-based index among the file's documents, empty ones included (as yaml's parseAllDocuments counts). */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  value: JsonValue;
  /** For a document with a top-level `items` sequence: the line of each item. */
  itemLines: number[];
}

/** Why a file cannot be used, and where: the document and the 1-based line and column. */
export interface ParseError {
  document: number;
  line: number;
  column: number;
  reason: string;
}

/** A Go (Helm) template, not a manifest: the line of its first template action. */
export interface TemplateFound {
  line: number;
}

export type ParseResult = { documents: ParsedDocument[] } | { error: ParseError } | { template: TemplateFound };

/**
 * Parses a YAML or JSON file into plain JSON values. A template is recognised as such before
 * its YAML errors are reported. A file with any syntax error yields only the first error:
 * documents after a broken one may be misread, so none of the file is trusted. Empty documents
 * are dropped but keep their index.
 */
export function parseDocuments(text: string): ParseResult {
  // Templates are told apart on the Documents; everything else first tries the plain reader,
  // which answers only when it gives exactly what the Documents give (plain-yaml.ts).
  if (!text.includes('{{')) {
    const plain = readPlainDocuments(text, plainScalars());
    if (plain) return { documents: plain };
  }
  return parseWithDocuments(text);
}

/** parseDocuments through yaml's Documents alone: what the plain reader must agree with. */
export function parseWithDocuments(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter });
  const error = (document: number, offset: number, reason: string): { error: ParseError } => {
    const { line, col } = lineCounter.linePos(offset);
    return { error: { document, line, column: col, reason } };
  };
  const templateLine = findTemplateSyntax(text, docs, lineCounter);
  if (templateLine !== undefined) return { template: { line: templateLine } };
  for (const [index, doc] of docs.entries()) {
    const [first] = doc.errors;
    if (first) return error(index, first.pos[0], first.message);
  }

  // An alias is written `*name`: a file without a `*` has none, so it needs no measurement.
  const aliased = text.includes('*');
  const documents: ParsedDocument[] = [];
  for (const [index, doc] of docs.entries()) {
    if (doc.contents === null) continue;
    const measured = aliased ? measureExpansion(doc) : { nodes: 0, expanded: 0 };
    if ('error' in measured) return error(index, measured.offset, measured.error);
    if (measured.expanded > Math.max(MAX_EXPANDED_NODES, measured.nodes)) {
      const reason =
        `refused: aliases expand document ${index} to ${measured.expanded.toExponential(1)} ` +
        `nodes, over the limit of ${MAX_EXPANDED_NODES} (an alias bomb?)`;
      return error(index, doc.contents.range[0], reason);
    }
    // toJS shares one object between all aliases of an anchor; the JSON copy gives each place its
    // own, so that a later stage changing one (a namespace, a normalized field) changes only it.
    // The copy is kept for alias-free documents too: toJS's objects, grown key by key, and its
    // strings, cut from the file's text, take about six times the heap of JSON.parse's (ADR 0012).
    const value = JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: -1 }) ?? null)) as JsonValue;
    if (value === null) continue;
    const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
    const itemLines = isSeq(items)
      ? items.items.map((item) => lineCounter.linePos(isNode(item) ? (item.range?.[0] ?? 0) : 0).line)
      : [];
    documents.push({ index, line: lineCounter.linePos(doc.contents.range[0]).line, value, itemLines });
  }
  return { documents };
}

let resolvePlain: ResolvePlain | undefined;

/**
 * Plain scalars resolved as yaml resolves them under KUBERNETES_YAML (compose-scalar.js): the
 * first default tag whose test matches (at a key, also the key-only ones such as `<<`), else a
 * string; a tag that reports a problem, or gives anything but a JSON primitive, is refused.
 */
export function plainScalars(): ResolvePlain {
  if (resolvePlain) return resolvePlain;
  const { schema, options } = new Document(null, KUBERNETES_YAML);
  if (schema.compat) throw new Error('KUBERNETES_YAML sets no compat schema');
  const tags = schema.tags.filter((tag): tag is ScalarTag => !tag.collection && tag.default !== false && tag.default !== undefined && tag.test !== undefined);
  // The same few scalars recur in every manifest (v1, apps/v1, labels, ports): their resolution is kept.
  const known = [new Map<string, ReturnType<ResolvePlain>>(), new Map<string, ReturnType<ResolvePlain>>()] as const;
  const resolveUncached: ResolvePlain = (source, atKey) => {
    const tag = tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test!.test(source));
    if (!tag) return source;
    let refused = false;
    let value: unknown;
    try {
      value = tag.resolve(source, () => void (refused = true), options) as unknown;
    } catch {
      return PLAIN_REFUSED;
    }
    if (refused) return PLAIN_REFUSED;
    // Some tags (null, the booleans) give a Scalar, whose value toJS would take.
    if (isScalar(value)) value = value.value;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return PLAIN_REFUSED;
  };
  resolvePlain = (source, atKey) => {
    const cache = known[atKey ? 1 : 0];
    let value = cache.get(source);
    if (value === undefined && !cache.has(source)) {
      value = resolveUncached(source, atKey);
      if (cache.size >= 4_096) cache.clear();
      cache.set(source, value);
    }
    return value as ReturnType<ResolvePlain>;
  };
  return resolvePlain;
}
