import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { SHOP_FILES } from '../../support/cli-fixtures.js';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };

describe('scan --trusted-manager, --controller-field and --ignore', () => {
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

  it('does not count a field the named controller wrote, and names the rule with --explain; another controller’s field still counts', async () => {
    const run = await scan('--controller-field', 'shop-autoscaler:Deployment.apps:/spec/replicas', '--explain');
    expect(webChanges(run.report)).toEqual(['/metadata/labels/release']);
    const web = run.report?.results.find((r) => r.object.kind === 'Deployment' && r.object.name === 'web');
    expect(web?.suppressed).toContainEqual(expect.objectContaining({ path: '/spec/replicas', reason: 'controller-owned', rule: 'Deployment:shop-autoscaler' }));
    expect(webChanges((await scan('--controller-field', 'other-autoscaler:Deployment:/spec/replicas')).report)).toEqual(['/metadata/labels/release', '/spec/replicas']);
  });

  it('refuses a --controller-field without a manager, kind and pointer, in one line', async () => {
    const run = await scan('--controller-field', 'Deployment:/spec/replicas');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^driftback: --controller-field takes <manager>:<Kind>\[\.<group>\]:<JSON Pointer>.*\n$/);
  });

  it('refuses an --ignore that is not a JSON Pointer, in one line', async () => {
    const run = await scan('--ignore', 'spec.replicas');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('driftback: --ignore takes a JSON Pointer such as /spec/replicas (got "spec.replicas")\n');
  });
});
