/**
 * Input crafted to hurt (issue 15's corpus): bytes that are not UTF-8, a 100 MB file, paths that
 * leave the repository. Each gets one clear line naming the file or path, the scan exits 2
 * (partial, or not done at all) and the rest of the repository is still compared.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from '../../../src/model/report.js';
import { linesOf, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: ${name}\n`;

describe('scan: hostile input', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  const scan = (...extra: string[]) => runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { cwd: cluster.dir });

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', a: configMap('a') });
    repo = createGitRepo({ 'apps/a.yaml': configMap('a') });
    const work = repo.git('rev-parse', '--show-toplevel').trim();
    // Latin-1 bytes in a value, as a file saved by the wrong editor has them.
    writeFileSync(join(work, 'apps/latin1.yaml'), Buffer.concat([Buffer.from(configMap('latin').replace('key: latin', 'key: caf')), Buffer.from([0xe9, 0x0a])]));
    writeFileSync(join(work, 'apps/huge.yaml'), `${configMap('huge')}  filler: "${'x'.repeat(100 * 1024 * 1024)}"\n`);
    repo.git('add', '--all');
    repo.git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'hostile files');
    repo.git('push', '-q', 'origin', 'HEAD');
  }, 120_000);

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  it('refuses a file that is not UTF-8 and a 100 MB file by name, and still compares the rest', async () => {
    const run = await scan('--path', 'apps');
    expect(run.code).toBe(2);
    const lines = linesOf(run.stderr);
    expect(lines.some((line) => line.includes('apps/latin1.yaml') && /UTF-8/i.test(line))).toBe(true);
    expect(lines.some((line) => line.includes('apps/huge.yaml') && /MiB|too large|larger/i.test(line))).toBe(true);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results.map((r) => `${r.object.name} ${r.status}`)).toEqual(['a InSync']);
    expect(run.stdout).not.toContain('xxxxxxxxxx');
  }, 120_000);

  it.each([['../outside'], ['/etc'], ['apps/../../outside']])('refuses --path %s, which leaves the repository', async (path) => {
    const run = await scan('--path', path);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = linesOf(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
  });
});
