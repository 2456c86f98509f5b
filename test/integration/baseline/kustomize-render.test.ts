import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
