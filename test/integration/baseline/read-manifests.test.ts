import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BaselineError, readManifests } from '../../../src/baseline/index.js';
import { kustomizeSettings } from '../../support/kustomize-fixtures.js';

const roots: string[] = [];

/** A checked-out directory with the given files. */
function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'driftback-read-test-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('readManifests', () => {
  it('keeps document index and start line of each object in a multi-document file, skipping empty documents', async () => {
    const root = checkout({
      'all.yaml': `# leading comment\n---\n${cm('a')}---\n---\n# nothing here\n---\n${cm('b')}data:\n  k: v\n---\n${cm('c')}---\n`,
    });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(problems).toEqual([]);
    expect(manifests.map((m) => [m.ref.name, m.source])).toEqual([
      ['a', { path: 'all.yaml', document: 0, line: 3 }],
      ['b', { path: 'all.yaml', document: 3, line: 11 }],
      ['c', { path: 'all.yaml', document: 4, line: 18 }],
    ]);
  });

  it('reads .yaml, .yml and .json recursively in sorted order, skipping other files and .git', async () => {
    const root = checkout({
      'z.yaml': cm('z'),
      'a/b.yml': cm('ab'),
      'a-b.yaml': cm('a-b'),
      'a/c/d.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json', namespace: 'ns' } }, null, '\t'),
      'a/notes.txt': cm('txt'),
      '.git/config.yaml': cm('git'),
    });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(problems).toEqual([]);
    expect(manifests.map((m) => m.source.path)).toEqual(['a-b.yaml', 'a/b.yml', 'a/c/d.json', 'z.yaml']);
    expect(manifests[2]?.ref).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'json' });
  });

  it('reads each file once when requested paths overlap', async () => {
    const root = checkout({ 'a/b/c.yaml': cm('c'), 'a/d.yaml': cm('d') });
    const { manifests } = await readManifests(root, ['a/b', 'a', './a/']);
    expect(manifests.map((m) => m.source.path)).toEqual(['a/b/c.yaml', 'a/d.yaml']);
  });

  it('reports broken YAML as path:line:column and still reads the other files', async () => {
    const root = checkout({
      'bad.yaml': `${cm('ok-but-same-file')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a, b\n  other: 1\n`,
      'good.yaml': cm('good'),
    });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(manifests.map((m) => m.ref.name)).toEqual(['good']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.severity).toBe('error');
    expect(problems[0]?.path).toBe('bad.yaml');
    expect(problems[0]?.message).toBe('bad.yaml:11:3: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('reports a broken JSON file with its position', async () => {
    const root = checkout({ 'broken.json': '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n  "metadata": {}\n}\n' });
    const { problems } = await readManifests(root, ['.']);
    expect(problems.map((p) => [p.severity, p.message.split(': ')[0]])).toEqual([['error', expect.stringMatching(/^broken\.json:\d+:\d+$/)]]);
  });

  it('refuses a billion-laughs alias bomb quickly, naming the file', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const root = checkout({ 'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${levels.join('\n  ')}\n`, 'ok.yaml': cm('ok') });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(manifests.map((m) => m.ref.name)).toEqual(['ok']);
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'bomb.yaml',
        document: 0,
        line: 1,
        reason: expect.stringMatching(/^refused: aliases expand document 0 to \d\.\de\+9 nodes, over the limit of 1000000/),
        message: expect.stringMatching(/^bomb\.yaml:1:1: refused: aliases expand document 0 to \d\.\de\+9 nodes, over the limit of 1000000/),
      },
    ]);
  });

  it('refuses an alias inside the node it refers to, and an alias without an anchor', async () => {
    const root = checkout({ 'loop.yaml': `${cm('loop')}data: &d\n  self: *d\n`, 'unknown.yaml': `${cm('unknown')}data: *nope\n` });
    const { problems } = await readManifests(root, ['.']);
    expect(problems.map((p) => p.message)).toEqual([
      'loop.yaml:6:9: alias *d refers to a node that contains it',
      'unknown.yaml:5:7: alias *nope has no anchor before it',
    ]);
  });

  it('accepts a harmless file with many references to one anchor, and merge keys', async () => {
    const refs = Array.from({ length: 150 }, (_, i) => `  c${i}: *labels`).join('\n');
    const root = checkout({
      'heavy.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: heavy\n  labels: &labels {app: web, tier: front}\nx:\n${refs}\n`,
      'merge.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: merged}\nbase: &base {replicas: 1, paused: false}\nspec:\n  <<: *base\n  replicas: 3\n`,
    });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(problems).toEqual([]);
    const heavy = manifests.find((m) => m.ref.name === 'heavy')?.object as unknown as { x: Record<string, unknown> };
    expect(Object.keys(heavy.x)).toHaveLength(150);
    expect(heavy.x.c149).toEqual({ app: 'web', tier: 'front' });
    expect(heavy.x.c0).not.toBe(heavy.x.c1);
    expect(manifests.find((m) => m.ref.name === 'merged')?.object.spec).toEqual({ replicas: 3, paused: false });
  });

  it('refuses a file over the size limit and reads the others', async () => {
    const big = `${cm('big')}data:\n  blob: "${'x'.repeat(2048)}"\n`;
    const root = checkout({ 'big.yaml': big, 'small.yaml': cm('small') });
    const { manifests, problems } = await readManifests(root, ['.'], { maxFileBytes: 1024 });
    expect(manifests.map((m) => m.ref.name)).toEqual(['small']);
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'big.yaml',
        reason: 'refused: the file has 2.1 KiB, over the limit of 1.0 KiB (raise it with --max-file-size or spec.source.maxFileSize)',
        message: 'big.yaml: refused: the file has 2.1 KiB, over the limit of 1.0 KiB (raise it with --max-file-size or spec.source.maxFileSize)',
      },
    ]);
  });

  it('refuses a file over the default limit of 5 MiB', async () => {
    const root = checkout({ 'huge.yaml': `${cm('huge')}data:\n  blob: "${'x'.repeat(5 * 1024 * 1024)}"\n` });
    const { problems } = await readManifests(root, ['.']);
    expect(problems.map((p) => p.message)).toEqual(['huge.yaml: refused: the file has 5.0 MiB, over the limit of 5.0 MiB (raise it with --max-file-size or spec.source.maxFileSize)']);
  });

  it('skips documents that are not Kubernetes objects with a warning naming file and document', async () => {
    const root = checkout({ 'mixed.yaml': `${cm('real')}---\nfoo: bar\n---\n- a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n` });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(manifests.map((m) => m.ref.name)).toEqual(['real']);
    expect(problems).toEqual([
      {
        severity: 'skipped',
        path: 'mixed.yaml',
        document: 1,
        line: 6,
        reason: 'not a Kubernetes object (no apiVersion, kind, metadata.name)',
        message: 'mixed.yaml#1 (line 6): skipped: not a Kubernetes object (no apiVersion, kind, metadata.name)',
      },
      expect.objectContaining({ severity: 'skipped', message: 'mixed.yaml#2 (line 8): skipped: not a Kubernetes object (a sequence, not a mapping)' }),
      expect.objectContaining({ severity: 'skipped', message: 'mixed.yaml#3 (line 10): skipped: not a Kubernetes object (no metadata.name)' }),
    ]);
  });

  it('renders a directory with a kustomization instead of reading its files, and skips Kustomize configuration elsewhere with a warning', async () => {
    const root = checkout({
      'app/kustomization.yaml': 'resources: [cm.yaml]\npatches: [{path: patch.yaml}]\n',
      'app/cm.yaml': cm('rendered'),
      'app/patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rendered}\ndata: {patched: "yes"}\n',
      'plain/component.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nmetadata: {name: c}\n',
      'plain/cm.yaml': cm('plain'),
    });
    const { manifests, problems } = await readManifests(root, ['.'], { kustomize: kustomizeSettings() });
    expect(manifests.map((m) => [m.ref.name, m.source.path, m.source.root])).toEqual([
      ['plain', 'plain/cm.yaml', undefined],
      ['rendered', 'app/cm.yaml', 'app'],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'skipped',
        path: 'plain/component.yaml',
        message: 'plain/component.yaml#0 (line 1): skipped: a Kustomize configuration outside a kustomization file (only a directory with kustomization.yaml is rendered)',
      }),
    ]);
  });

  it('expands List documents into their items at the List document index and the item lines', async () => {
    const root = checkout({
      'list.yaml': `${cm('before')}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: two, namespace: shop}\n- just: junk\n`,
      'typed.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMapList', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'three' } }] }),
    });
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(manifests.map((m) => [m.ref.kind, m.ref.name, m.source])).toEqual([
      ['ConfigMap', 'before', { path: 'list.yaml', document: 0, line: 1 }],
      ['ConfigMap', 'one', { path: 'list.yaml', document: 1, line: 9 }],
      ['Service', 'two', { path: 'list.yaml', document: 1, line: 12 }],
      ['ConfigMap', 'three', { path: 'typed.json', document: 0, line: 1 }],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'list.yaml#1 item 2 (line 15): skipped: not a Kubernetes object (no apiVersion, kind, metadata.name)',
    ]);
  });

  it('follows symlinks inside the checkout and not those pointing outside', async () => {
    const outside = checkout({ 'secret.yaml': cm('outside') });
    const root = checkout({ 'base/cm.yaml': cm('base') });
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'escape.yaml'));
    symlinkSync(outside, join(root, 'escape-dir'));
    symlinkSync('base', join(root, 'linked'));
    symlinkSync('missing.yaml', join(root, 'dangling.yaml'));
    const { manifests, problems } = await readManifests(root, ['.']);
    expect(manifests.map((m) => m.source.path)).toEqual(['base/cm.yaml']);
    expect(problems.map(({ severity, path, message }) => ({ severity, path, message }))).toEqual([
      { severity: 'skipped', path: 'dangling.yaml', message: 'dangling.yaml: skipped: symlink to a missing file' },
      { severity: 'skipped', path: 'escape-dir', message: 'escape-dir: skipped: symlink points outside the repository' },
      { severity: 'skipped', path: 'escape.yaml', message: 'escape.yaml: skipped: symlink points outside the repository' },
    ]);
    const viaLink = await readManifests(root, ['linked']);
    expect(viaLink.manifests.map((m) => m.source.path)).toEqual(['linked/cm.yaml']);
  });

  it('throws a BaselineError for a path that escapes the checkout, directly or through a symlink, or does not exist', async () => {
    const outside = checkout({});
    const root = checkout({ 'a.yaml': cm('a') });
    symlinkSync(outside, join(root, 'out'));
    await expect(readManifests(root, ['../x'])).rejects.toThrow(`path '../x' in ${root}: escapes the repository`);
    await expect(readManifests(root, ['/abs'])).rejects.toThrow(BaselineError);
    await expect(readManifests(root, ['out'])).rejects.toThrow(`path 'out' in ${root}: escapes the repository through a symlink`);
    await expect(readManifests(root, ['nope'])).rejects.toThrow(`path 'nope' in ${root}: does not exist`);
  });
});
