import type { JsonValue } from '../model/index.js';
import type { ParsedDocument } from './parse-documents.js';

/**
 * How a plain scalar resolves (yaml's own schema: its tags' tests and resolvers), or PLAIN_REFUSED
 * when its tag reports a problem or gives something JSON cannot hold as it is.
 */
export type ResolvePlain = (source: string, atKey: boolean) => string | number | boolean | null | typeof PLAIN_REFUSED;
export const PLAIN_REFUSED: unique symbol = Symbol('plain-refused');

/** Thrown inside the reader when the text leaves the subset it reads; never escapes it. */
class OutsideSubset extends Error {}
const outside = (): never => {
  throw new OutsideSubset();
};

interface Line {
  /** 1-based line number. */
  n: number;
  indent: number;
  /** The line after its indentation; the text after `- ` for the first key of a mapping in a sequence. */
  text: string;
}

/** A plain scalar cannot start with these (YAML 1.2 §7.3.3; `-` is checked apart). */
const NOT_PLAIN_START = new Set(['?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** Escapes that mean the same in a YAML double-quoted scalar and in a JSON string. */
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;
/** A key of yaml's default limit for implicit keys is refused there (1,024 characters); stay far below. */
const MAX_KEY_LENGTH = 512;

/**
 * Reads the everyday subset of YAML that manifests are written in (block mappings and sequences,
 * single-line plain and quoted scalars, `|` and `|-` literals, `[]`, `{}`, comment lines) straight
 * to JSON text, many times faster than composing yaml Documents. It answers only when sure of
 * giving what the Document path gives, values, lines and document indexes alike; anything else
 * (anchors, tags, flow collections, folded or multi-line scalars, duplicate or non-string keys,
 * odd indentation, tabs, CR, trailing spaces, directives, ...) returns undefined, and the caller
 * composes Documents as before, errors included. Scalars resolve through yaml's schema.
 */
export function readPlainDocuments(text: string, resolve: ResolvePlain): ParsedDocument[] | undefined {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new PlainReader(text, resolve).documents();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

class PlainReader {
  private readonly raw: string[];
  /** The next raw line to look at. */
  private at = 0;
  /** Where the current document ends (the index of its `---` line or the end). */
  private end = 0;
  /** A line made up for the first key of a mapping that starts after `- `. */
  private pending: Line | undefined;
  /** The last line peek made, kept until it is taken. */
  private peeked: Line | undefined;
  private out = '';

  constructor(
    text: string,
    private readonly resolve: ResolvePlain,
  ) {
    this.raw = text.split('\n');
  }

  documents(): ParsedDocument[] {
    const starts: number[] = [];
    for (let i = 0; i < this.raw.length; i++) {
      const line = this.raw[i]!;
      if (line === '---') starts.push(i);
      else if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) outside();
    }
    const segments: { from: number; to: number }[] = [];
    const firstStart = starts[0] ?? this.raw.length;
    // Before the first `---`, only content makes a document; comments there open the next one.
    if (starts.length === 0 || this.hasContent(0, firstStart)) segments.push({ from: 0, to: firstStart });
    starts.forEach((start, k) => segments.push({ from: start + 1, to: starts[k + 1] ?? this.raw.length }));

    const documents: ParsedDocument[] = [];
    segments.forEach((segment, index) => {
      this.at = segment.from;
      this.end = segment.to;
      const first = this.peek();
      if (!first) return;
      this.out = '';
      const itemLines: number[] = [];
      if (isSeqItem(first.text)) this.sequence(first.indent);
      else if (isKeyLine(first.text)) this.mapping(first.indent, itemLines);
      else outside();
      if (this.peek()) outside();
      documents.push({ index, line: first.n, value: JSON.parse(this.out) as JsonValue, itemLines });
    });
    return documents;
  }

  private hasContent(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!isBlankOrComment(this.raw[i]!)) return true;
    return false;
  }

  /** The next line holding content, without taking it. */
  private peek(): Line | undefined {
    if (this.pending) return this.pending;
    if (this.peeked?.n === this.at + 1) return this.peeked;
    while (this.at < this.end) {
      const line = this.raw[this.at]!;
      if (!isBlankOrComment(line)) {
        if (line.endsWith(' ')) outside();
        const text = line.trimStart();
        this.peeked = { n: this.at + 1, indent: line.length - text.length, text };
        return this.peeked;
      }
      this.at++;
    }
    return undefined;
  }

  private take(): void {
    if (this.pending) this.pending = undefined;
    else this.at++;
  }

  /** A block mapping whose keys stand at `indent`; `items` collects the lines of a top-level `items` sequence. */
  private mapping(indent: number, items?: number[]): void {
    const keys = new Set<string>();
    this.out += '{';
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent || !isKeyLine(line.text)) outside();
      const colon = line.text.startsWith(':') ? -1 : keyEnd(line.text);
      if (colon <= 0) outside();
      const key = line.text.slice(0, colon);
      if (key.length > MAX_KEY_LENGTH || key === '<<' || key.endsWith(' ') || key.includes('#') || !startsPlain(key)) outside();
      if (this.resolve(key, true) !== key || keys.has(key)) outside();
      this.out += `${keys.size > 0 ? ',' : ''}${JSON.stringify(key)}:`;
      keys.add(key);
      this.take();
      const rest = line.text.slice(colon + 1).trimStart();
      if (rest !== '') {
        this.inline(rest, indent);
        continue;
      }
      const next = this.peek();
      const lines = items && key === 'items' ? items : undefined;
      if (next && next.indent > indent) {
        if (isSeqItem(next.text)) this.sequence(next.indent, lines);
        else this.mapping(next.indent);
      } else if (next && next.indent === indent && isSeqItem(next.text)) {
        this.sequence(indent, lines);
      } else {
        this.out += 'null';
      }
    }
    this.out += '}';
  }

  /** A block sequence whose dashes stand at `indent`. */
  private sequence(indent: number, lines?: number[]): void {
    this.out += '[';
    let first = true;
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) outside();
      if (!isSeqItem(line.text)) break;
      // `-` alone puts its item on the next line; its place is not the dash's.
      if (line.text.length < 3) outside();
      const content = line.text.slice(1).trimStart();
      this.out += first ? '' : ',';
      first = false;
      lines?.push(line.n);
      this.take();
      const at = line.indent + line.text.length - content.length;
      if (isSeqItem(content)) {
        this.pending = { n: line.n, indent: at, text: content };
        this.sequence(at);
      } else if (isKeyLine(content)) {
        this.pending = { n: line.n, indent: at, text: content };
        this.mapping(at);
      } else {
        this.inline(content, indent);
      }
    }
    this.out += ']';
  }

  /** A value on the line of its key or dash; no line after it may be indented deeper than `owner`. */
  private inline(text: string, owner: number): void {
    if (text === '[]' || text === '{}') this.out += text;
    else if (text.startsWith('"')) this.out += JSON.stringify(doubleQuoted(text));
    else if (text.startsWith("'")) this.out += JSON.stringify(singleQuoted(text));
    else if (text === '|' || text === '|-') return void (this.out += JSON.stringify(this.literal(owner, text === '|')));
    else {
      if (!startsPlain(text) || text.includes(' #') || text.includes(': ') || text.endsWith(':')) outside();
      const value = this.resolve(text, false);
      if (value === PLAIN_REFUSED) outside();
      this.out += JSON.stringify(value);
    }
    const next = this.peek();
    if (next && next.indent > owner) outside();
  }

  /** The lines of a `|` (clip) or `|-` (strip) literal below a node at `owner`. */
  private literal(owner: number, clip: boolean): string {
    let indent: number | undefined;
    const lines: string[] = [];
    let i = this.at;
    for (; i < this.end; i++) {
      const line = this.raw[i]!;
      const spaces = line.length - line.trimStart().length;
      if (spaces === line.length) {
        // A blank line: empty content, unless it holds more spaces than the content's indentation.
        if (indent === undefined || spaces > indent) outside();
        lines.push('');
        continue;
      }
      if (indent === undefined) {
        if (spaces <= owner) break;
        indent = spaces;
      }
      if (spaces < indent) break;
      lines.push(line.slice(indent));
    }
    this.at = i;
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    if (lines.length === 0) return '';
    return lines.join('\n') + (clip ? '\n' : '');
  }
}

function isBlankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) continue;
    return c === 0x23; // '#'
  }
  return true;
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Where the `:` of `key: value` or `key:` is, or -1. */
function keyEnd(text: string): number {
  const spaced = text.indexOf(': ');
  if (spaced >= 0) return spaced;
  return text.endsWith(':') ? text.length - 1 : -1;
}

function isKeyLine(text: string): boolean {
  return startsPlain(text) && keyEnd(text) > 0;
}

function startsPlain(text: string): boolean {
  const c = text[0];
  if (c === undefined || NOT_PLAIN_START.has(c)) return false;
  return c !== '-' || (text.length > 1 && text[1] !== ' ');
}

function doubleQuoted(text: string): string {
  const close = text.indexOf('"', 1);
  if (close !== text.length - 1) outside();
  const body = text.slice(1, -1);
  if (hasControl(body)) outside();
  if (body.includes('\\')) {
    // Every backslash must start an escape JSON reads the same way; a `\"` makes indexOf above stop early.
    if (body.replace(JSON_ESCAPE, '').includes('\\')) outside();
    return JSON.parse(`"${body}"`) as string;
  }
  return body;
}

function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith("'")) outside();
  const body = text.slice(1, -1);
  if (hasControl(body)) outside();
  // Inside, a quote comes only doubled.
  if (body.replaceAll("''", '').includes("'")) outside();
  return body.replaceAll("''", "'");
}

/** A control character, which a JSON string cannot hold raw and YAML reads apart. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
