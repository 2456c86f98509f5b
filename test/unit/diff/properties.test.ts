/**
 * Properties of the diff that tables of examples cannot pin down (issue 9): Git plus the reported
 * changes is live less what was suppressed; equal quantities in any spelling never drift, and
 * the diff and the policy engine read every spelling alike.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareObjects, CrdSchemas, crdDefaults, SERVER_DEFAULTS } from '../../../src/diff/index.js';
import type { JsonObject, JsonValue, KubeObject } from '../../../src/model/index.js';
import { isJsonObject, parseQuantity } from '../../../src/model/index.js';
import { parseQuantity as parsePolicyQuantity } from '../../../src/policy/index.js';

const key = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const scalar = fc.oneof(fc.stringMatching(/^[a-z0-9]{0,6}$/), fc.integer({ min: -5, max: 500 }), fc.boolean());
const tree: fc.Arbitrary<JsonObject> = fc.letrec<{ node: JsonObject }>((tie) => ({
  node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, scalar, tie('node')), { maxKeys: 4 }),
})).node;

const edits = fc.array(fc.record({ path: fc.array(key, { minLength: 1, maxLength: 3 }), value: fc.option(fc.oneof(scalar, tree), { nil: undefined }) }), { maxLength: 6 });

function setIn(root: JsonObject, path: readonly string[], value: JsonValue | undefined): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (!isJsonObject(node[segment])) node[segment] = {};
    node = node[segment] as JsonObject;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function getIn(root: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let node = root;
  for (const segment of path) node = isJsonObject(node) ? node[segment] : undefined;
  return node;
}

const segmentsOf = (pointer: string): string[] => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** A custom resource whose schema defaults spec.tier, so some differences are suppressed as defaults. */
const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com', uid: 'w', generation: 1 },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget' },
    versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { tier: { type: 'string', default: 'standard' } } } } } } }],
  },
} as unknown as KubeObject;
const schemas = new CrdSchemas();
schemas.update(WIDGET_CRD);
const normalizers = [SERVER_DEFAULTS, crdDefaults(schemas)];

const widget = (spec: JsonObject): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'x' }, spec });

describe('diff properties', () => {
  it('Git plus the reported changes equals live less what was suppressed', () => {
    fc.assert(
      fc.property(tree, edits, fc.boolean(), (spec, changes, defaulted) => {
        const git = widget(structuredClone(spec));
        const live = widget(structuredClone(spec)) as unknown as JsonObject;
        for (const edit of changes) setIn(live, ['spec', ...edit.path], edit.value);
        if (defaulted && getIn(git as unknown as JsonObject, ['spec', 'tier']) === undefined) setIn(live, ['spec', 'tier'], 'standard');
        const comparison = compareObjects(live as unknown as KubeObject, git, { normalizers });

        const patched = structuredClone(git) as unknown as JsonObject;
        for (const change of comparison.changes) setIn(patched, segmentsOf(change.path), change.op === 'remove' ? undefined : change.live);
        const expected = structuredClone(live);
        for (const { path } of comparison.suppressed) setIn(expected, segmentsOf(path), getIn(git as unknown as JsonObject, segmentsOf(path)));
        expect(patched).toEqual(expected);
      }),
    );
  });

  const nanos = fc.bigInt({ min: 1n, max: 10n ** 15n });
  const spellings = (amount: bigint): string[] => {
    const out = [`${amount}n`, `${amount}e-9`, (Number(amount) / 1e9).toString()];
    if (amount % 1_000n === 0n) out.push(`${amount / 1_000n}u`);
    if (amount % 1_000_000n === 0n) out.push(`${amount / 1_000_000n}m`, `${amount / 1_000_000n}e-3`);
    if (amount % 1_000_000_000n === 0n) out.push(`${amount / 1_000_000_000n}`);
    if (amount % (1_000_000_000n * 1024n) === 0n) out.push(`${amount / 1_000_000_000n / 1024n}Ki`);
    // Float spellings only where a double holds the amount exactly.
    return out.filter((text) => parseQuantity(text) === amount);
  };

  it('equal quantities in any spelling never drift, and the diff and the policy engine parse them alike', () => {
    fc.assert(
      fc.property(nanos, fc.nat(), fc.nat(), (amount, i, j) => {
        const options = spellings(amount);
        const [a, b] = [options[i % options.length] as string, options[j % options.length] as string];
        const pod = (cpu: string): KubeObject => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'x' },
          spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu } } }] } } },
        });
        expect(compareObjects(pod(a), pod(b)).changes).toEqual([]);
        expect(parsePolicyQuantity(a)?.nanos).toBe(parseQuantity(b));
      }),
    );
  });
});
