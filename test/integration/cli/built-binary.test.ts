import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { buildCli, linesOf, runBuiltCli, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop\ndata:\n  MODE: fast\n';

describe('the built driftback binary, as a shell runs it', () => {
  let built: ReturnType<typeof buildCli>;
  let cluster: ScanCluster;
  let repo: GitRepo;
  const scan = (...extra: string[]) => runBuiltCli(built.cli, ['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, ...extra]);

  beforeAll(async () => {
    built = buildCli();
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo({ 'config.yaml': CONFIG });
    await cluster.apply({ 'config.yaml': CONFIG });
  }, 300_000);

  afterAll(async () => {
    await cluster?.close();
    repo?.cleanup();
    built?.cleanup();
  });

  it('exits 0 in sync, the JSON report alone on stdout, nothing on stderr', async () => {
    const run = await scan('--output', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.source.revision).toBe(repo.sha);
    expect(report.summary).toMatchObject({ objects: 1, inSync: 1 });
  });

  it('exits 2 on a bad flag value with one line on stderr and nothing on stdout', async () => {
    const run = await scan('--output', 'xml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^driftback: .*--output.*xml/)]);
  });

  it('exits 2 on an unknown flag with one line on stderr', async () => {
    const run = await scan('--bogus');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^driftback: .*--bogus/)]);
  });

  it('exits 1 on drift (a hand edit), then 0 with --fail-on never', async () => {
    await cluster.kubectl.mergePatch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' } }, { data: { MODE: 'slow' } }, 'kubectl-edit');
    const drifted = await scan();
    expect(drifted.stderr).toBe('');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('~ /data/MODE: "fast" -> "slow"');
    const never = await scan('--fail-on', 'never', '--output', 'json');
    expect(never.code).toBe(0);
    expect((JSON.parse(never.stdout) as DriftReport).summary.drifted).toBe(1);
  });

  it('exits 2 when the cluster is unreachable, naming its URL, with nothing on stdout', async () => {
    const down = await startScanCluster();
    await down.server.stop();
    try {
      const run = await runBuiltCli(built.cli, ['scan', '--repo', repo.url, '--kubeconfig', down.kubeconfig]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(linesOf(run.stderr)).toEqual([expect.stringContaining(down.server.url)]);
    } finally {
      await down.close();
    }
  });

  it('help exits 0 and prints the usage on stdout', async () => {
    const run = await runBuiltCli(built.cli, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('driftback scan --repo');
    expect(run.stderr).toBe('');
  });
});
