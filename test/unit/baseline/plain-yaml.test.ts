/**
 * The plain reader (issue 12) may decline any text, but whatever it answers must be exactly what
 * yaml's Documents give: the same documents, indexes, lines, values and item lines, and never an
 * answer for a text the Documents refuse.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { stringify, type ToStringOptions } from 'yaml';
import { parseDocuments, parseWithDocuments, plainScalars } from '../../../src/baseline/parse-documents.js';
import { readPlainDocuments } from '../../../src/baseline/plain-yaml.js';

const tricky = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'True', 'null', '~', '', ' ', '0644', '0o17', '0x1F', '1_000', '1e3', '.inf', '-.inf', '.nan', '.', 'e0', '-0', '+1', '1:20', '2001-12-14', '<<', '-', '- a', 'a: b', 'a:b', 'a #b', '#x', '"q"', "'s'", "it's", 'a\\b', '\\"', '[x]', '{y}', '*a', '&b', '!t', '|', '>', '%', '@', '`', '?', ':', ',x', '---', '...', 'tab\there', 'ü', 'line\nbreak', 'two\n\nlines\n', 'trail\n', '\nlead', '  indented\nline', 'end  ', '__proto__', 'constructor'];
const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9./-]{0,8}$/), fc.constantFrom(...tricky));
const scalar = fc.oneof(
  fc.constantFrom(...tricky),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.stringMatching(/^[a-z0-9 :#-]{0,20}$/),
);
/** Everyday manifest content: what the reader is for, so most of it is read by the reader itself. */
const tameKey = fc.stringMatching(/^[a-z][a-zA-Z0-9./-]{0,10}$/).filter((k) => !['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null'].includes(k.toLowerCase()));
const tameScalar = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9 ./:=@-]{0,20}$/),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('nginx:1.25', 'a: b', '10', 'yes', '0644', 'x\ny', 'line one\nline two\n', ''),
);
const tree = (k: fc.Arbitrary<string>, leaf: fc.Arbitrary<unknown>) =>
  fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(k, tie('node'), { maxKeys: 5 }),
  })).node;
const manifestOf = (k: fc.Arbitrary<string>, leaf: fc.Arbitrary<unknown>) =>
  fc.record({
    apiVersion: fc.constantFrom('v1', 'apps/v1'),
    kind: fc.constantFrom('ConfigMap', 'Deployment', 'List'),
    metadata: fc.record({ name: k, labels: fc.dictionary(k, leaf, { maxKeys: 3 }) }),
    spec: tree(k, leaf),
    items: fc.array(tree(k, leaf), { maxLength: 3 }),
  });
const manifest = manifestOf(key, scalar);
const tame = manifestOf(tameKey, tameScalar.map((v) => (typeof v === 'string' ? v.replaceAll('\\n', '\n') : v)));
const options: fc.Arbitrary<ToStringOptions> = fc.record({
  indentSeq: fc.boolean(),
  indent: fc.constantFrom(2, 4),
  lineWidth: fc.constantFrom(0, 20, 80),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN'),
  blockQuote: fc.constantFrom<ToStringOptions['blockQuote']>(true, 'literal', 'folded'),
  nullStr: fc.constantFrom('null', '~', ''),
});
/** The layouts of kubectl and of yaml's defaults, without folding long lines. */
const everyday: fc.Arbitrary<ToStringOptions> = fc.record({ indentSeq: fc.boolean(), indent: fc.constantFrom(2, 4), lineWidth: fc.constant(0) });
const separator = fc.constantFrom('---\n', '---\n# between\n', '\n---\n\n', '---\n---\n');

/** True when the plain reader answered (and its answer is the Documents'). */
function agrees(text: string): boolean {
  // The Documents path may throw (a merge of a non-map); the plain reader declines such texts.
  const outcome = (parse: (text: string) => unknown) => {
    try {
      return parse(text);
    } catch (error) {
      return { threw: String(error) };
    }
  };
  const composed = outcome(parseWithDocuments);
  expect(outcome(parseDocuments)).toEqual(composed);
  const plain = readPlainDocuments(text, plainScalars());
  if (plain !== undefined) expect({ documents: plain }).toEqual(composed);
  return plain !== undefined;
}

/** Line edits of the kinds that break YAML: indentation, indicators, comments, duplicates. */
const mutation = fc.record({
  line: fc.nat(),
  edit: fc.constantFrom('indent', 'dedent', 'duplicate', 'drop', 'colon', 'comment', 'dash', 'tab', 'quote', 'space', 'separator', 'bar'),
});

function mutate(text: string, edits: { line: number; edit: string }[]): string {
  const lines = text.split('\n');
  for (const { line, edit } of edits) {
    const at = line % lines.length;
    const l = lines[at]!;
    const change: Record<string, () => string[]> = {
      indent: () => [` ${l}`],
      dedent: () => [l.replace(/^ /, '')],
      duplicate: () => [l, l],
      drop: () => [],
      colon: () => [`${l}: x`],
      comment: () => [`${l} # c`],
      dash: () => [`- ${l}`],
      tab: () => [`\t${l}`],
      quote: () => [`${l}"`],
      space: () => [`${l} `],
      separator: () => ['---', l],
      bar: () => [`${l} |`],
    };
    lines.splice(at, 1, ...change[edit]!());
  }
  return lines.join('\n');
}

describe('the plain YAML reader', () => {
  // yaml warns on process for mutated texts with collection keys (`[]: x`); the Documents path is as before.
  beforeAll(() => void jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => void jest.restoreAllMocks());

  it('reads what yaml stringify writes as the Documents do, or declines', () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), options, separator, (docs, opts, sep) => {
        agrees(docs.map((doc) => stringify(doc, opts)).join(sep));
      }),
      { numRuns: 300 },
    );
  });

  it('reads everyday manifests itself, as the Documents do', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(tame, { minLength: 1, maxLength: 3 }), everyday, separator, (docs, opts, sep) => {
        if (agrees(docs.map((doc) => stringify(doc, opts)).join(sep))) read++;
      }),
      { numRuns: 300 },
    );
    // The reader is used, not only declining.
    expect(read).toBeGreaterThan(150);
  });

  it('never answers for a broken text differently from the Documents', () => {
    fc.assert(
      fc.property(fc.oneof(manifest, tame), options, fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, opts, edits) => {
        agrees(mutate(stringify(doc, opts), edits));
      }),
      { numRuns: 600 },
    );
  });

  it.each([
    ['comments before the first separator', '# head\n---\na: 1\n'],
    ['an empty document between two', 'a: 1\n---\n# only a comment\n---\nb: 2\n'],
    ['a trailing separator', 'a: 1\n---\n'],
    ['an indentless sequence and a compact mapping', 'a:\n- b: 1\n  c:\n  - x\n- y\nd: {}\n'],
    ['a List with items', 'kind: List\nitems:\n  - kind: A\n    v: 1\n\n  - kind: B\n'],
    ['literals', 'a: |\n  x\n\n  y\n\nb: |-\n    deep\n  # not a comment\nc: |\nd: 1\n'],
    ['keys of other types', 'yes: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a multi-line plain scalar', 'a: b\n  c\n'],
    ['a top-level scalar', 'just text\n'],
    ['escapes', 'a: "x\\ty\\u00e9"\nb: "\\x41"\nc: \'it\'\'s\'\n'],
    ['an implicit key too long', `${'k'.repeat(1100)}: v\n`],
  ])('agrees with the Documents on %s', (_name, text) => {
    agrees(text);
  });

  it('reads a plain manifest itself', () => {
    const text = stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25', args: [] }] } } } });
    expect(agrees(text)).toBe(true);
  });
});
