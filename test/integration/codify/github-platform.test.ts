import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { GitHubError, GitHubPlatform, type GitHubPlatformOptions } from '../../../src/codify/github/index.js';
import { PullRequestExistsError } from '../../../src/codify/index.js';
import { GitHubStandIn } from '../../support/github-standin.js';

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

describe('GitHubPlatform against the stand-in GitHub', () => {
  let github: GitHubStandIn;
  let logs: string[];

  beforeEach(async () => {
    github = await GitHubStandIn.start({ token: 'ghp_platformtoken' });
    logs = [];
  });

  afterEach(async () => {
    expect(github.unexpected).toEqual([]);
    await github.close();
  });

  // Throttling stays on so its rate-limit handling is what is tested; waits are 1 ms per second.
  function platform(options: Partial<GitHubPlatformOptions> = {}): GitHubPlatform {
    return new GitHubPlatform({
      repository: github.repository,
      apiUrl: github.url,
      auth: { token: 'ghp_platformtoken' },
      throttle: { retryAfterBaseMs: 1 },
      retry: { retryAfterBaseMs: 1 },
      log: (message) => logs.push(message),
      ...options,
    });
  }

  it('reads the default branch and finds open pull requests by head branch', async () => {
    github.seedPull({ head: 'driftback/a', body: 'a' });
    github.seedPull({ head: 'feature/x' });
    github.seedPull({ head: 'driftback/b', state: 'closed' });

    expect(await platform().getDefaultBranch()).toBe('main');
    expect(await platform().findOpenPullRequest('driftback/a')).toMatchObject({ number: 1, head: 'driftback/a', base: 'main', body: 'a' });
    expect(await platform().findOpenPullRequest('driftback/b')).toBeUndefined();
    expect((await platform().listOpenPullRequests('driftback/')).map((pr) => pr.number)).toEqual([1]);
    expect(github.requests.map((request) => request.path)).toContain('/repos/acme/infra/pulls?state=open&head=acme%3Adriftback%2Fa');
  });

  it('reports the rate-limit window GitHub announces, also on failures', async () => {
    const seen: number[] = [];
    const target = platform({ onRateLimitRemaining: (remaining) => seen.push(remaining) });
    await target.getDefaultBranch();
    await target.getDefaultBranch();
    expect(seen).toEqual([4999, 4998]);
    github.fail({ method: 'GET', path: '/repos/acme/infra', status: 401, headers: { 'x-ratelimit-remaining': '42' } });
    await expect(target.getDefaultBranch()).rejects.toThrow();
    expect(seen.at(-1)).toBe(42);
  });

  it('follows pagination when listing pull requests', async () => {
    for (let index = 0; index < 120; index += 1) github.seedPull({ head: `driftback/n${index}` });

    expect(await platform().listOpenPullRequests('driftback/')).toHaveLength(120);
    expect(github.requests.filter((request) => request.path.startsWith('/repos/acme/infra/pulls'))).toHaveLength(2);
  });

  it('turns 422 "A pull request already exists" into PullRequestExistsError', async () => {
    github.seedPull({ head: 'driftback/a' });

    await expect(
      platform().createPullRequest({ head: 'driftback/a', base: 'main', title: 't', body: 'b' }),
    ).rejects.toBeInstanceOf(PullRequestExistsError);
  });

  it('waits for retry-after on a 403 secondary rate limit, then succeeds', async () => {
    github.seedPull({ head: 'driftback/a' });
    github.fail({ method: 'PATCH', path: '/repos/acme/infra/pulls/1', status: 403, headers: { 'retry-after': '7' }, body: { message: SECONDARY } });

    const updated = await platform().updatePullRequest(1, { title: 'new title', body: 'b' });

    expect(updated.title).toBe('new title');
    expect(github.writes()).toHaveLength(2);
    expect(logs).toEqual([expect.stringContaining('secondary rate limit on PATCH /repos/{owner}/{repo}/pulls/{pull_number}: retrying after 7s')]);
  });

  it('waits for retry-after on a 429, then succeeds', async () => {
    github.fail({ method: 'GET', path: '/repos/acme/infra', status: 429, headers: { 'retry-after': '3' }, body: { message: SECONDARY } });

    expect(await platform().getDefaultBranch()).toBe('main');
    expect(logs).toEqual([expect.stringContaining('retrying after 3s')]);
  });

  it('waits until x-ratelimit-reset when the primary rate limit is used up', async () => {
    const reset = Math.floor(Date.now() / 1000) + 5;
    github.fail({
      method: 'GET',
      path: '/repos/acme/infra',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 42.' },
    });

    expect(await platform().getDefaultBranch()).toBe('main');
    expect(logs).toEqual([expect.stringMatching(/primary rate limit on GET .*: retrying after [5-7]s/)]);
  });

  // Regression (issue 15): an hour-long wait inside the request froze every other output of the operator.
  it('defers a write whose rate limit resets far away instead of waiting it out, and says until when', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    github.fail({
      method: 'PATCH',
      path: '/repos/acme/infra/pulls/1',
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'retry-after': '3600' },
      body: { message: 'API rate limit exceeded for installation ID 42.' },
      // The first answer and the retry plugin's three short retries (1, 4, 9 ms here).
      times: 4,
    });
    github.seedPull({ head: 'driftback/a' });

    const error = await platform({ throttle: { retryAfterBaseMs: 1000 } }).updatePullRequest(1, { title: 't', body: 'b' }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 429, disposition: 'wait' });
    expect((error as Error).message).toContain(`rate limited until ${new Date(reset * 1000).toISOString()}, deferred`);
    expect(logs).toContainEqual(expect.stringMatching(/primary rate limit on PATCH .*: deferred until /));
    expect(logs.some((line) => /retrying after/.test(line))).toBe(false);
  });

  it('retries server errors', async () => {
    github.fail({ method: 'GET', path: '/repos/acme/infra/issues/1/comments', status: 502, times: 2 });
    github.seedPull({ head: 'driftback/a', comments: ['hello'] });

    expect(await platform().listComments(1)).toEqual(['hello']);
    expect(github.requests.filter((request) => request.path.includes('/comments'))).toHaveLength(3);
  });

  it('gives up after the configured retries with an error naming the repository', async () => {
    github.fail({ method: 'GET', path: '/repos/acme/infra', status: 503, times: 10 });

    const error = await platform({ retry: { retries: 1, retryAfterBaseMs: 1 } }).getDefaultBranch().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 503, disposition: 'retry' });
    expect((error as Error).message).toMatch(/^GitHub reading the repository on 127\.0\.0\.1:\d+\/acme\/infra failed \(503\)/);
  });

  it('does not retry bad credentials and never shows the token', async () => {
    const error = await platform({ auth: { token: 'ghp_wrongtoken' } }).getDefaultBranch().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 401, disposition: 'stall' });
    expect((error as Error).message).not.toContain('ghp_wrongtoken');
    expect(github.requests).toHaveLength(1);
  });

  it('adds labels, reviewers (users and teams), assignees, comments and closes', async () => {
    github.seedPull({ head: 'driftback/a' });
    const target = platform({ throttle: { enabled: false } });

    await target.addLabels(1, ['drift']);
    await target.requestReviewers(1, ['alice', 'acme/sre']);
    await target.addAssignees(1, ['bob']);
    await target.comment(1, 'note');
    await target.closePullRequest(1);

    expect(github.pulls[0]).toMatchObject({
      state: 'closed',
      labels: ['drift'],
      reviewers: ['alice'],
      teamReviewers: ['sre'],
      assignees: ['bob'],
      comments: ['note'],
    });
  });

  it('serves GitHub Enterprise under /api/v3', async () => {
    const enterprise = await GitHubStandIn.start({ basePath: '/api/v3', defaultBranch: 'trunk' });
    try {
      const target = new GitHubPlatform({ repository: 'acme/infra', apiUrl: enterprise.url, auth: { token: 't' } });
      expect(await target.getDefaultBranch()).toBe('trunk');
      expect(enterprise.requests.map((request) => request.path)).toEqual(['/repos/acme/infra']);
    } finally {
      await enterprise.close();
    }
  });

  it('authenticates as a GitHub App installation, for the API and for git', async () => {
    const app = await GitHubStandIn.start({ token: 'ghs_installation', installationToken: 'ghs_installation' });
    try {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const target = new GitHubPlatform({
        repository: 'acme/infra',
        apiUrl: app.url,
        auth: { appId: 1234, installationId: 42, privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() },
        throttle: { enabled: false },
      });

      expect(await target.getDefaultBranch()).toBe('main');
      expect(await target.gitToken()).toBe('ghs_installation');
      const [tokenRequest, repoRequest] = app.requests;
      expect(tokenRequest).toMatchObject({ method: 'POST', path: '/app/installations/42/access_tokens' });
      expect(tokenRequest?.authorization).toMatch(/^bearer /i);
      expect(repoRequest?.authorization).toBe('token ghs_installation');
    } finally {
      await app.close();
    }
  });
});

describe('the stand-in GitHub', () => {
  it('decodes /git/ref/heads%2Fmain and answers 501 to what it does not serve', async () => {
    const github = await GitHubStandIn.start();
    try {
      github.refs.set('heads/main', 'a'.repeat(40));
      const quiet = () => undefined;
      const octokit = new Octokit({ baseUrl: github.url, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });

      const { data } = await octokit.rest.git.getRef({ owner: 'acme', repo: 'infra', ref: 'heads/main' });
      const unexpected = await octokit.rest.repos.listForOrg({ org: 'acme' }).catch((error: { status: number }) => error.status);

      expect(data.object.sha).toBe('a'.repeat(40));
      expect(unexpected).toBe(501);
      expect(github.unexpected.map((request) => request.path)).toEqual(['/orgs/acme/repos']);
    } finally {
      await github.close();
    }
  });
});
