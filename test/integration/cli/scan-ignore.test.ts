import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { SHOP_FILES } from '../../support/cli-fixtures.js';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };

describe('scan --trusted-manager and --ignore', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  const scan = async (...extra: string[]) => {
    const run = await runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra]);
    return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as DriftReport) : undefined };
  };
  const webChanges = (report: DriftReport | undefined) =>
    report?.results.find((r) => r.object.kind === 'Deployment' && r.object.name === 'web')?.changes.map((c) => c.path);

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    await cluster.apply(SHOP_FILES);
    await cluster.kubectl.mergePatch(web, { spec: { replicas: 7 } }, 'shop-autoscaler');
    await cluster.kubectl.mergePatch(web, { metadata: { labels: { release: 'spring-sale' } } }, 'kubectl-label');
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  it('reports both writes without options', async () => {
    const { code, report } = await scan();
    expect(code).toBe(1);
    expect(webChanges(report)).toEqual(['/metadata/labels/release', '/spec/replicas']);
  });

  it('does not count what a trusted field manager wrote, nor an ignored pointer', async () => {
    expect(webChanges((await scan('--trusted-manager', 'shop-autoscaler')).report)).toEqual(['/metadata/labels/release']);
    const both = await scan('--trusted-manager', 'shop-autoscaler', '--ignore', '/metadata/labels/release');
    expect(webChanges(both.report)).toEqual([]);
    expect(both.code).toBe(0);
  });

  it('refuses an --ignore that is not a JSON Pointer, in one line', async () => {
    const run = await scan('--ignore', 'spec.replicas');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('driftback: --ignore takes a JSON Pointer such as /spec/replicas (got "spec.replicas")\n');
  });
});
