import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { linesOf, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: ${name}\n`;
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: shop\nstringData:\n  token: not-in-the-cluster\n';
const FILES: Record<string, string> = {
  'clusters/prod/app.yaml': `${configMap('app')}---\n${SECRET}`,
  'clusters/prod/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n',
  'clusters/prod/extra.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'shop' } }),
  'clusters/prod/vendor/bundle.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
  'tests/fixture.yaml': configMap('fixture'),
};

describe('scan --exclude and --exclude-kind', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', app: configMap('app') });
    repo = createGitRepo(FILES);
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  const scan = async (...extra: string[]) => {
    const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra]);
    return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as DriftReport) : undefined };
  };
  const compared = (report: DriftReport | undefined) => report!.results.map((r) => `${r.object.kind}/${r.object.name}:${r.status}`);

  it('without them the whole repository is read: noise, a broken vendored file and a test fixture', async () => {
    const run = await scan();
    expect(run.code).toBe(2);
    expect(compared(run.report)).toEqual([
      'ConfigMap/app:InSync',
      'Secret/creds:Missing',
      'ConfigMap/extra:Missing',
      'Deployment/web:Missing',
      'ConfigMap/fixture:Missing',
    ]);
    expect(run.report!.problems.map((p) => p.file)).toEqual(['clusters/prod/vendor/bundle.yaml']);
  });

  it('--exclude takes repeatable path globs: a name at any depth, an anchored directory, an extension', async () => {
    const run = await scan('--exclude', 'vendor', '--exclude', 'tests/**', '--exclude', '*.json');
    expect(run.stderr).toBe('');
    expect(compared(run.report)).toEqual(['ConfigMap/app:InSync', 'Secret/creds:Missing', 'Deployment/web:Missing']);
    expect(run.report!.problems).toEqual([]);
  });

  it('--exclude-kind takes Kind or group/Kind, repeatable', async () => {
    const run = await scan('--exclude', 'vendor', '--exclude', 'tests', '--exclude-kind', 'Secret', '--exclude-kind', 'apps/Deployment');
    expect(run.code).toBe(1);
    expect(compared(run.report)).toEqual(['ConfigMap/app:InSync', 'ConfigMap/extra:Missing']);
    const otherGroup = await scan('--exclude', 'vendor', '--exclude', 'tests', '--exclude', '*.json', '--exclude-kind', 'batch/Deployment');
    expect(compared(otherGroup.report)).toEqual(['ConfigMap/app:InSync', 'Secret/creds:Missing', 'Deployment/web:Missing']);
  });

  it('a scan that excluded everything exits 2 and says what was excluded', async () => {
    const run = await scan('--path', 'clusters/prod', '--exclude', 'vendor', '--exclude-kind', 'ConfigMap', '--exclude-kind', 'Secret', '--exclude-kind', 'apps/Deployment');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'driftback: error: nothing was compared in clusters/prod: 3 manifest files there; 1 path excluded by --exclude; 4 objects excluded by --exclude-kind\n',
    );
  });

  it.each([
    [['--exclude-kind', 'v1/Secret'], /--exclude-kind takes Kind or group\/Kind.*"v1\/Secret"/],
    [['--exclude-kind', 'apps/v1/Deployment'], /--exclude-kind.*"apps\/v1\/Deployment"/],
    [['--exclude', ''], /--exclude takes a path glob/],
  ])('bad values %j exit 2 with one line, before the cluster is asked', async (flags, pattern) => {
    const before = cluster.server.requests.length;
    const run = await scan(...flags);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(pattern)]);
    expect(run.stdout).toBe('');
    expect(cluster.server.requests.length).toBe(before);
  });
});
