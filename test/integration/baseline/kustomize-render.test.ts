import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRenderCache, loadBaseline, readManifests } from '../../../src/baseline/index.js';
import { createGitRepo } from '../../support/git-repo.js';
import { describeRef } from '../../../src/model/index.js';
import { FIXTURES, fixtureFiles, kustomizeSettings } from '../../support/kustomize-fixtures.js';

const shop = join(FIXTURES, 'shop');

describe('rendering Kustomize roots', () => {
  it('renders an overlay and names, per object, the root, the renderer and the file and document it came from', async () => {
    const read = await readManifests(shop, ['apps/overlays/prod'], { kustomize: kustomizeSettings() });
    expect(read.problems).toEqual([]);
    const sources = Object.fromEntries(read.manifests.map((m) => [describeRef(m.ref), m.source]));
    const renderer = expect.stringMatching(/^kustomize v5\.\d+\.\d+( \(kubectl\))?$/);
    expect(sources).toEqual({
      'ServiceAccount shop/worker': { path: 'apps/base/worker.yaml', document: 0, line: 1, root: 'apps/overlays/prod', renderer },
      'Deployment shop/worker': { path: 'apps/base/worker.yaml', document: 1, line: 6, root: 'apps/overlays/prod', renderer },
      'Deployment shop/web': { path: 'apps/base/web.yaml', document: 0, line: 2, root: 'apps/overlays/prod', renderer },
      'Service shop/web': { path: 'apps/base/web.yaml', document: 1, line: 31, root: 'apps/overlays/prod', renderer },
      'ConfigMap shop/web-config-c5k9d279bc': { path: 'apps/base/kustomization.yaml', document: 0, root: 'apps/overlays/prod', renderer },
    });
    const configMap = read.manifests.find((m) => m.ref.kind === 'ConfigMap')!;
    expect(configMap.origin).toEqual({ name: 'web-config', generator: 'ConfigMapGenerator' });
    expect(configMap.object.data).toEqual({ FEATURE_CHECKOUT_V2: 'false', LOG_LEVEL: 'warn' });
    for (const manifest of read.manifests) expect(JSON.stringify(manifest.object)).not.toContain('config.kubernetes.io/origin');
    const web = read.manifests.find((m) => describeRef(m.ref) === 'Deployment shop/web')!;
    expect(web.object.metadata.annotations).toBeUndefined();
    expect(web.object).toMatchObject({ spec: { replicas: 3, template: { spec: { containers: [{ image: 'ghcr.io/acme/web:1.0.3' }] } } } });
    expect([...read.kustomize!.keys()]).toEqual(['apps/overlays/prod']);
  });

  it('with Flux semantics over a whole repository: overlays are roots, bases and components they reach are not, plain files stay plain', async () => {
    const read = await readManifests(shop, ['.'], { kustomize: kustomizeSettings() });
    expect(read.problems).toEqual([]);
    expect([...read.kustomize!.keys()].sort()).toEqual(['apps/overlays/prod', 'apps/overlays/staging']);
    const refs = read.manifests.map((m) => `${describeRef(m.ref)} <- ${m.source.root ?? '(plain)'}`).sort();
    expect(refs).toEqual([
      'ConfigMap shop-staging/staging-web-config-dt44hhc9g2 <- apps/overlays/staging',
      'ConfigMap shop/web-config-c5k9d279bc <- apps/overlays/prod',
      'Deployment shop-staging/staging-web <- apps/overlays/staging',
      'Deployment shop-staging/staging-worker <- apps/overlays/staging',
      'Deployment shop/web <- apps/overlays/prod',
      'Deployment shop/worker <- apps/overlays/prod',
      'Namespace shop <- (plain)',
      'Namespace shop-staging <- (plain)',
      'Service shop-staging/staging-web <- apps/overlays/staging',
      'Service shop/web <- apps/overlays/prod',
      'ServiceAccount shop-staging/staging-worker <- apps/overlays/staging',
      'ServiceAccount shop/worker <- apps/overlays/prod',
    ]);
    const stagingWeb = read.manifests.find((m) => m.ref.name === 'staging-web' && m.ref.kind === 'Deployment')!;
    expect(stagingWeb.origin).toEqual({ name: 'web' });
  });

  it('renders a base when a --path names it, and says that a component is never rendered alone', async () => {
    const read = await readManifests(shop, ['apps/base', 'apps/components/monitoring'], { kustomize: kustomizeSettings() });
    expect(read.problems).toEqual([
      {
        severity: 'skipped',
        path: 'apps/components/monitoring',
        reason: 'a Kustomize Component is rendered only by the kustomizations that include it',
        message: 'apps/components/monitoring: skipped: a Kustomize Component is rendered only by the kustomizations that include it',
      },
    ]);
    expect(read.manifests.map((m) => describeRef(m.ref)).sort()).toEqual([
      'ConfigMap web-config-dt44hhc9g2',
      'Deployment web',
      'Deployment worker',
      'Service web',
      'ServiceAccount worker',
    ]);
  });

  it('renders each root once per revision when loads share a render cache, and again for a new revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftback-render-count-'));
    const repo = createGitRepo(fixtureFiles('shop'));
    try {
      const log = join(dir, 'renders.log');
      const counting = join(dir, 'kubectl-counting');
      const kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
      writeFileSync(counting, `#!/bin/sh\nif [ "$1" = kustomize ]; then echo render >> ${log}; fi\nexec ${kubectl} "$@"\n`);
      chmodSync(counting, 0o755);
      writeFileSync(log, '');
      const settings = { binary: counting, cache: createRenderCache() };
      const load = () => loadBaseline({ repo: repo.url, paths: ['apps/overlays'], kustomize: settings });
      const first = await load();
      const second = await load();
      expect(second.manifests).toEqual(first.manifests);
      expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
      repo.commit({ 'apps/overlays/staging/kustomization.yaml': fixtureFiles('shop')['apps/overlays/staging/kustomization.yaml']!.replace('1.1.0-rc.1', '1.1.0-rc.2') }, 'staging: rc.2');
      const third = await load();
      expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
      expect(third.manifests.find((m) => m.ref.name === 'staging-web' && m.ref.kind === 'Deployment')?.object).toMatchObject({ spec: { template: { spec: { containers: [{ image: 'ghcr.io/acme/web:1.1.0-rc.2' }] } } } });
    } finally {
      repo.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('traces objects to their files without origin annotations only where that is certain, and the result is the one the annotations give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftback-render-identity-'));
    try {
      const log = join(dir, 'renders.log');
      const counting = join(dir, 'kubectl-counting');
      const kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
      const grep = execFileSync('sh', ['-c', 'command -v grep'], { encoding: 'utf8' }).trim();
      // Counts builds by whether the wrapper asked for origin annotations.
      writeFileSync(counting, `#!/bin/sh\nif [ "$1" = kustomize ]; then if ${grep} -q buildMetadata "$2/kustomization.yaml"; then echo annotated >> ${log}; else echo plain >> ${log}; fi; fi\nexec ${kubectl} "$@"\n`);
      chmodSync(counting, 0o755);
      const deployment = (name: string, namespace?: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: main, image: busybox}]}\n`;
      const files: Record<string, string> = {
        // Names that contain one another, a prefix, a generator: traced from the tree.
        'plain/kustomization.yaml': 'namePrefix: p-\nresources: [a.yaml, b.yaml]\nconfigMapGenerator:\n  - name: worker\n    literals: [X=1]\n',
        'plain/a.yaml': `${deployment('worker-1')}---\n${deployment('worker-10')}`,
        'plain/b.yaml': deployment('worker'),
        // The same name in two bases (two namespaces): no single source, so annotated.
        'twins/kustomization.yaml': 'resources: [../one, ../two]\n',
        'one/kustomization.yaml': 'resources: [web.yaml]\n',
        'one/web.yaml': deployment('web', 'one'),
        'two/kustomization.yaml': 'resources: [web.yaml]\n',
        'two/web.yaml': deployment('web', 'two'),
        // A JSON 6902 patch that renames: annotated.
        'renamed/kustomization.yaml': 'resources: [web.yaml]\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |-\n      - op: replace\n        path: /metadata/name\n        value: api\n',
        'renamed/web.yaml': deployment('web'),
        // The repository's own buildMetadata (kustomize honours it only at the top, which is the wrapper): no annotation either way.
        'own-metadata/kustomization.yaml': 'buildMetadata: [originAnnotations]\nresources: [web.yaml]\n',
        'own-metadata/web.yaml': deployment('web'),
      };
      for (const [path, text] of Object.entries({ ...files, ...Object.fromEntries(Object.entries(fixtureFiles('shop')).map(([path, text]) => [`shop/${path}`, text])) })) {
        mkdirSync(dirname(join(dir, 'repo', path)), { recursive: true });
        writeFileSync(join(dir, 'repo', path), text);
      }
      const roots = ['plain', 'twins', 'renamed', 'own-metadata', 'shop/apps/overlays/prod', 'shop/apps/overlays/staging'];
      const builds = async (alwaysAnnotate: boolean) => {
        writeFileSync(log, '');
        const read = await readManifests(join(dir, 'repo'), roots, { kustomize: kustomizeSettings({ binary: counting, alwaysAnnotate }) });
        return { read, log: readFileSync(log, 'utf8').split('\n').filter(Boolean).sort() };
      };
      const traced = await builds(false);
      const annotated = await builds(true);
      expect(traced.read.problems).toEqual([]);
      expect(traced.read.manifests).toEqual(annotated.read.manifests);
      expect(annotated.log).toEqual(Array(6).fill('annotated'));
      expect(traced.log).toEqual([...Array(2).fill('annotated'), ...Array(6).fill('plain')]);
      expect(Object.fromEntries(traced.read.manifests.filter((m) => m.source.root === 'plain').map((m) => [m.ref.name, `${m.source.path}#${m.source.document}`]))).toEqual({
        'p-worker-1': 'plain/a.yaml#0',
        'p-worker-10': 'plain/a.yaml#1',
        'p-worker': 'plain/b.yaml#0',
        'p-worker-4f64tg9ch6': 'plain/kustomization.yaml#0',
      });
      for (const manifest of traced.read.manifests) expect(JSON.stringify(manifest.object)).not.toContain('config.kubernetes.io/origin');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
