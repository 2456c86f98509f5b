import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
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

  it('a scan that compared nothing exits 2 and leaves the pull requests alone', async () => {
    const run = await scan('--github-repository', 'acme/infra', '--github-token', 't', '--path', 'clusters/staging', '--exclude-kind', 'ConfigMap');
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([
      'driftback: error: nothing was compared in clusters/staging: 1 manifest file there; 1 object excluded by --exclude-kind',
    ]);
    expect(github.requests).toEqual([]);
  });
});

describe('scan --open-prs end to end against a bare repository and the GitHub stand-in', () => {
  const token = 'ghp_scanOpenPrsTokenNeverPrinted';
  const branch = 'driftback/clusters-prod';
  const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
  let cluster: ScanCluster;
  let repo: GitRepo;
  let github: GitHubStandIn;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply(SHOP_FILES);
    await cluster.kubectl.mergePatch(web, { spec: { replicas: 5 } }, 'kubectl-scale');
  });

  afterAll(async () => {
    await cluster.close();
  });

  beforeEach(async () => {
    repo = createGitRepo(SHOP_FILES);
    github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
  });

  afterEach(async () => {
    expect(github.unexpected).toEqual([]);
    await github.close();
    repo.cleanup();
  });

  const scan = (repoArg: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}, ...extra: string[]) =>
    runDriftback(
      [
        'scan', '--repo', repoArg, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json',
        '--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra', ...extra,
      ],
      { cwd: options.cwd, env: { HOME: tmpdir(), ...options.env } },
    );

  /** The branch's head in the bare repository, or undefined when it does not exist there. */
  const remoteHead = (name: string): string | undefined => {
    const line = repo.git('ls-remote', 'origin', `refs/heads/${name}`).trim();
    return line ? line.split(/\s+/)[0] : undefined;
  };

  it('resolves a relative --repo against the working directory for the push, committing as --git-author', async () => {
    const run = await scan(basename(repo.bare), { cwd: dirname(repo.bare) }, '--github-token', token, '--git-author', 'SRE Bot <sre-bot@acme.example>');
    expect(run.stderr).not.toMatch(/cannot open pull requests/);
    expect(run.code).toBe(1);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ state: 'open', head: branch, base: 'main' });
    expect(remoteHead(branch)).toMatch(/^[0-9a-f]{40}$/);
    repo.git('fetch', '--quiet', 'origin', branch);
    expect(repo.git('log', '-1', '--format=%an <%ae>', 'FETCH_HEAD').trim()).toBe('SRE Bot <sre-bot@acme.example>');
  }, 30_000);

  it('refuses a --git-author that is not "Name <email>", before the scan', async () => {
    const run = await scan(repo.url, { env: { GITHUB_TOKEN: token } }, '--git-author', 'sre-bot');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('driftback: --git-author must look like "Name <email@example.com>" (got "sre-bot")\n');
    expect(github.requests).toEqual([]);
  });

  it('with a file:// URL and GITHUB_TOKEN: opens one pull request with the drift, then changes nothing on an identical run', async () => {
    const env = { GITHUB_TOKEN: token };
    const first = await scan(repo.url, { env });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/pull request created: #1 /);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ state: 'open', head: branch, base: 'main' });
    expect(github.pulls[0]!.body).toContain('Deployment shop/web');
    repo.git('fetch', '--quiet', 'origin', branch);
    expect(repo.git('show', `FETCH_HEAD:clusters/prod/web/deployment.yaml`)).toContain('replicas: 5');
    const head = remoteHead(branch);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    const writes = github.writes().length;
    expect(writes).toBeGreaterThan(0);

    const second = await scan(repo.url, { env });
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/pull request unchanged: #1 /);
    expect(github.pulls).toHaveLength(1);
    expect(github.writes()).toHaveLength(writes);
    expect(remoteHead(branch)).toBe(head);

    for (const text of [first.stdout, first.stderr, second.stdout, second.stderr, github.pulls[0]!.body]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    }
  }, 40_000);
});
