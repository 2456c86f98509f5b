import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { SHOP_FILES } from '../../support/cli-fixtures.js';
import { linesOf, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';

describe('scan --open-prs with bad pull-request flags', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  let github: GitHubStandIn;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra' });
  });

  afterAll(async () => {
    await github.close();
    await cluster.close();
    repo.cleanup();
  });

  beforeEach(() => {
    // Seeding the cluster asked for discovery; only what the scan itself asks counts.
    cluster.server.requests.length = 0;
  });

  const scan = (...extra: string[]) =>
    runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--open-prs', '--github-api-url', github.url, ...extra], {
      env: { HOME: tmpdir() },
    });

  it('without --github-token or GITHUB_TOKEN: exits 2 with one line before asking the cluster anything', async () => {
    const run = await scan('--github-repository', 'acme/infra');
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual(['driftback: --open-prs needs --github-token or GITHUB_TOKEN (or --github-app-id with its installation id and private key)']);
    expect(run.stdout).toBe('');
    expect(cluster.server.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('with a --pr-per it does not know, or no GitHub repository for a non-github.com --repo: exits 2 before the scan', async () => {
    for (const extra of [
      ['--github-repository', 'acme/infra', '--github-token', 't', '--pr-per', 'planet'],
      ['--github-token', 't'],
    ]) {
      const run = await scan(...extra);
      expect(run.code).toBe(2);
      expect(linesOf(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/^driftback: (--pr-per must be one of|--open-prs needs --github-repository)/);
      expect(run.stdout).toBe('');
      expect(cluster.server.requests).toEqual([]);
    }
    expect(github.requests).toEqual([]);
  });
});
