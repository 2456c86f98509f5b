import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftReport, DriftResult } from '../../../src/model/report.js';
import { linesOf, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';
import { editProdByHand, FIXTURES, fixtureFiles, renderWithKubectl } from '../../support/kustomize-fixtures.js';

const env = { HOME: tmpdir(), PATH: process.env.PATH };

function resultFor(report: DriftReport, kind: string, namespace: string, name: string): DriftResult {
  const found = report.results.filter((r) => r.object.kind === kind && r.object.namespace === namespace && r.object.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('scan of a Kustomize repository (base, two overlays, a component, generators, patches)', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  const scan = (...extra: string[]) => runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { env });

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'default' });
    const files = fixtureFiles('shop');
    repo = createGitRepo(files);
    const shop = join(FIXTURES, 'shop');
    await cluster.apply({
      namespaces: files['clusters/prod/namespaces.yaml']!,
      prod: renderWithKubectl(shop, 'apps/overlays/prod'),
      staging: renderWithKubectl(shop, 'apps/overlays/staging'),
    });
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  it('finds each overlay in sync right after its rendered output is applied, naming root and renderer per object', async () => {
    for (const path of ['apps/overlays/prod', 'apps/overlays/staging']) {
      const run = await scan('--path', path);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(run.stdout) as DriftReport;
      expect(report.summary).toEqual({ objects: 5, inSync: 5, drifted: 0, missing: 0, compliant: 0, violating: 0, errors: 0 });
      for (const result of report.results) {
        expect(result.source).toEqual(expect.objectContaining({ root: path, renderer: expect.stringMatching(/^kustomize v5\./) }));
        expect(result.source.path).toMatch(/^apps\/base\//);
      }
    }
    const whole = await scan();
    expect(whole.code).toBe(0);
    expect((JSON.parse(whole.stdout) as DriftReport).summary.objects).toBe(12);
  });

  describe('after hand edits in prod', () => {
    let report: DriftReport;
    let table: string;

    beforeAll(async () => {
      await editProdByHand(cluster.kubectl);
      const run = await scan('--path', 'apps/overlays/prod', '--explain');
      expect(run.code).toBe(1);
      report = JSON.parse(run.stdout) as DriftReport;
      table = (await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--path', 'apps/overlays/prod', '--explain'], { env })).stdout;
    });

    it('reports the rendered objects drifted, by their rendered names, with only the changed fields', () => {
      expect(resultFor(report, 'Deployment', 'shop', 'web').changes).toEqual([
        { op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 },
        { op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'ghcr.io/acme/web:1.0.3', live: 'ghcr.io/acme/web:1.0.4' },
        { op: 'replace', path: '/spec/template/spec/containers/0/resources/limits/memory', baseline: '512Mi', live: '1Gi' },
      ]);
      expect(resultFor(report, 'ConfigMap', 'shop', 'web-config-c5k9d279bc').changes).toEqual([{ op: 'replace', path: '/data/LOG_LEVEL', baseline: 'warn', live: 'debug' }]);
      expect(report.summary).toEqual(expect.objectContaining({ objects: 5, drifted: 4, inSync: 1 }));
    });

    it('--explain names the file and entry that set each drifted field, through every layer', () => {
      const setBy = (kind: string, name: string) => Object.fromEntries((resultFor(report, kind, 'shop', name).setBy ?? []).map((s) => [s.path, s.file ?? '(not in Git)']));
      expect(setBy('Deployment', 'web')).toEqual({
        '/spec/replicas': 'apps/overlays/prod/kustomization.yaml replicas[0] (web)',
        '/spec/template/spec/containers/0/image': 'apps/overlays/prod/kustomization.yaml images[0] (ghcr.io/acme/web)',
        '/spec/template/spec/containers/0/resources/limits/memory': 'apps/overlays/prod/web-resources.yaml (patches[0] of apps/overlays/prod/kustomization.yaml)',
      });
      expect(setBy('Deployment', 'worker')).toEqual({
        '/spec/template/metadata/annotations/prometheus.io~1scrape': 'apps/components/monitoring/kustomization.yaml patches[0] (inline patch)',
        '/spec/template/spec/containers/0/args/1': 'apps/overlays/prod/worker-queue.yaml (patches[1] of apps/overlays/prod/kustomization.yaml)',
        '/spec/template/spec/containers/0/image': 'apps/base/worker.yaml',
      });
      expect(setBy('ConfigMap', 'web-config-c5k9d279bc')).toEqual({
        '/data/LOG_LEVEL': 'apps/overlays/prod/kustomization.yaml (configMapGenerator[0] web-config)',
      });
      expect(setBy('Service', 'web')).toEqual({ '/metadata/labels/release': '(not in Git)' });
      expect(table).toContain('  @ /spec/replicas: set by apps/overlays/prod/kustomization.yaml replicas[0] (web)');
      expect(table).toMatch(/^Drifted\s+-\s+Deployment\s+shop\s+web\s+apps\/base\/web\.yaml#0 \(apps\/overlays\/prod\)$/m);
    });
  });

  it('a root that cannot be rendered is one error line naming it; the other roots are still compared, nothing is written to Git, the scan exits 2', async () => {
    const broken = createGitRepo({
      ...fixtureFiles('shop'),
      'apps/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/acme/shared//redis?ref=v2\n',
    });
    try {
      const github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token: 'ghp_partial' });
      const run = await runDriftback(
        ['scan', '--repo', broken.url, '--path', 'apps/overlays', '--kubeconfig', cluster.kubeconfig, '--output', 'json', '--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra'],
        { env: { ...env, GITHUB_TOKEN: 'ghp_partial' } },
      );
      await github.close();
      expect(run.code).toBe(2);
      expect(linesOf(run.stderr)).toEqual([
        'driftback: error: apps/overlays/dev: cannot render: apps/overlays/dev/kustomization.yaml: resources entry "https://github.com/acme/shared//redis?ref=v2" is a remote base; remote bases are refused unless allowed (--allow-remote-bases)',
        'driftback: pull requests left alone: the scan is incomplete (see the errors above), so nothing is written to Git',
      ]);
      expect(github.requests).toEqual([]);
      const report = JSON.parse(run.stdout) as DriftReport;
      expect([...new Set(report.results.map((r) => r.source.root))].sort()).toEqual(['apps/overlays/prod', 'apps/overlays/staging']);
    } finally {
      broken.cleanup();
    }
  });

  it('bad --kustomize-timeout is refused before anything runs', async () => {
    const run = await scan('--kustomize-timeout', 'soon');
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual(['driftback: --kustomize-timeout takes a number of seconds above 0 (got "soon")']);
  });
});
