import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ensureDriftPullRequests,
  type PullRequestOptions,
  type PullRequestOutcome,
} from '../../../src/codify/index.js';
import { createGitPort } from '../../../src/codify/git/index.js';
import { GitHubPlatform } from '../../../src/codify/github/index.js';
import type { DriftResult } from '../../../src/model/index.js';
import { BASELINE, FILES, driftReport, inSync, liveObjects, webDrift } from '../../support/codify-fixtures.js';
import { BareRepo } from '../../support/codify-git.js';
import { GitHubStandIn } from '../../support/github-standin.js';

/** The one branch of a scan of `clusters/prod` under the default grouping. */
const SCAN_BRANCH = 'driftback/clusters-prod';
const TOKEN = 'ghp_flowtoken0123456789';

describe('ensureDriftPullRequests against the stand-in GitHub and a bare repository', () => {
  let repo: BareRepo;
  let github: GitHubStandIn;

  beforeEach(async () => {
    repo = BareRepo.create(FILES);
    github = await GitHubStandIn.start({ token: TOKEN });
  });

  afterEach(async () => {
    expect(github.unexpected).toEqual([]);
    await github.close();
    repo.remove();
  });

  function run(results: DriftResult[], replicas: number, options: Partial<PullRequestOptions> = {}): Promise<PullRequestOutcome[]> {
    return ensureDriftPullRequests({
      report: driftReport(repo.path, results),
      baseline: BASELINE,
      live: liveObjects(replicas),
      options: { repo: repo.path, ...options },
      platform: new GitHubPlatform({
        repository: github.repository,
        apiUrl: github.url,
        auth: { token: TOKEN },
        throttle: { enabled: false },
        retry: { retryAfterBaseMs: 1 },
      }),
      git: createGitPort(),
    });
  }

  const calls = () => github.writes().map((request) => `${request.method} ${request.path}`);

  it('pushes the branch and opens a pull request with labels, reviewers and assignees', async () => {
    const outcomes = await run([webDrift(5)], 5, { reviewers: ['alice'], assignees: ['bob'] });

    expect(outcomes).toEqual([
      { branch: SCAN_BRANCH, number: 1, url: 'https://github.com/acme/infra/pull/1', action: 'created' },
    ]);
    expect(calls()).toEqual([
      'POST /repos/acme/infra/pulls',
      'POST /repos/acme/infra/issues/1/labels',
      'POST /repos/acme/infra/pulls/1/requested_reviewers',
      'POST /repos/acme/infra/issues/1/assignees',
    ]);
    expect(github.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toContain('GET /repos/acme/infra');
    expect(github.writes()[0]?.body).toMatchObject({ head: SCAN_BRANCH, base: 'main', title: 'Codify live drift in clusters/prod' });
    expect(github.pulls[0]).toMatchObject({ labels: ['drift'], reviewers: ['alice'], assignees: ['bob'] });
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toBe(FILES['clusters/prod/web.yaml'].replace('replicas: 3', 'replicas: 5'));
  });

  it('only reads on a second run with the same drift', async () => {
    await run([webDrift(5)], 5);
    const writes = github.writes().length;
    const head = repo.head(SCAN_BRANCH);
    const requestsBefore = github.requests.length;

    expect(await run([webDrift(5)], 5)).toEqual([expect.objectContaining({ number: 1, action: 'unchanged' })]);

    expect(github.writes()).toHaveLength(writes);
    expect(github.requests.slice(requestsBefore).map((request) => request.method)).toEqual(['GET']);
    expect(repo.head(SCAN_BRANCH)).toBe(head);
  });

  it('updates the same pull request and force-updates its branch when the drift changes', async () => {
    await run([webDrift(5)], 5);
    const before = github.writes().length;

    expect(await run([webDrift(7)], 7)).toEqual([expect.objectContaining({ number: 1, action: 'updated' })]);

    expect(calls().slice(before)).toEqual(['PATCH /repos/acme/infra/pulls/1']);
    expect(github.pulls[0]?.body).toContain('`3` -> `7`');
    expect(repo.commitCount(SCAN_BRANCH)).toBe(1);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 7');
  });

  it('closes the pull request with a comment and deletes the branch once the drift is gone', async () => {
    await run([webDrift(5)], 5);
    const before = github.writes().length;

    expect(await run([inSync(0)], 3)).toEqual([expect.objectContaining({ number: 1, action: 'closed' })]);

    expect(calls().slice(before)).toEqual(['POST /repos/acme/infra/issues/1/comments', 'PATCH /repos/acme/infra/pulls/1']);
    expect(github.pulls[0]?.state).toBe('closed');
    expect(repo.head(SCAN_BRANCH)).toBeUndefined();
  });

  it("comments once on a person's commit and leaves the branch alone", async () => {
    await run([webDrift(5)], 5);
    repo.pushAsPerson(SCAN_BRANCH, 'clusters/prod/web.yaml', FILES['clusters/prod/web.yaml'].replace('replicas: 3', 'replicas: 6'));
    const personal = repo.head(SCAN_BRANCH);
    const before = github.writes().length;

    await run([webDrift(7)], 7);
    const after = await run([webDrift(7)], 7);

    expect(after).toEqual([expect.objectContaining({ number: 1, action: 'skipped-human-commit' })]);
    expect(calls().slice(before)).toEqual(['POST /repos/acme/infra/issues/1/comments']);
    expect(repo.head(SCAN_BRANCH)).toBe(personal);
  });

  // Regression (issue 15): a PATCH that failed after the push left the branch ahead of the body's
  // tree marker, and the next pass took driftback's own commit for a person's.
  it('finishes an update whose pull-request edit failed after the branch was pushed', async () => {
    await run([webDrift(5)], 5);
    github.fail({ method: 'PATCH', path: '/repos/acme/infra/pulls/1', status: 500, times: 4 });
    await expect(run([webDrift(6)], 6)).rejects.toThrow();
    const pushed = repo.head(SCAN_BRANCH);

    expect(await run([webDrift(7)], 7)).toEqual([expect.objectContaining({ number: 1, action: 'updated' })]);
    expect(repo.head(SCAN_BRANCH)).not.toBe(pushed);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 7');
    expect(github.pulls[0]?.body).toContain('7');
    expect(calls().filter((call) => call.endsWith('/comments'))).toEqual([]);
  });

  it('two DriftWatches over the same repository and paths get a branch and a pull request each', async () => {
    const [a] = await run([webDrift(5)], 5, { owner: 'team-a/shop' });
    const [b] = await run([webDrift(6)], 6, { owner: 'team-b/shop' });

    expect(a).toMatchObject({ number: 1, action: 'created', branch: 'driftback/team-a-shop-clusters-prod' });
    expect(b).toMatchObject({ number: 2, action: 'created', branch: 'driftback/team-b-shop-clusters-prod' });
    expect(repo.show(a!.branch, 'clusters/prod/web.yaml')).toContain('replicas: 5');
    expect(repo.show(b!.branch, 'clusters/prod/web.yaml')).toContain('replicas: 6');

    // One watch's drift resolved closes its own pull request only.
    expect(await run([inSync(0)], 3, { owner: 'team-a/shop' })).toEqual([expect.objectContaining({ number: 1, action: 'closed' })]);
    expect(github.pulls.map((pr) => pr.state)).toEqual(['closed', 'open']);
  });

  it('a pull request a person closed is not proposed again for the same drift, only when the drift changes', async () => {
    await run([webDrift(5)], 5);
    github.pulls[0]!.state = 'closed';

    expect(await run([webDrift(5)], 5)).toEqual([expect.objectContaining({ number: 1, action: 'declined' })]);
    expect(github.pulls).toHaveLength(1);

    expect(await run([webDrift(8)], 8)).toEqual([expect.objectContaining({ number: 2, action: 'created' })]);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 8');
  });

  it("closing a pull request held by a person's commit and deleting its branch lets driftback start over", async () => {
    await run([webDrift(5)], 5);
    repo.pushAsPerson(SCAN_BRANCH, 'clusters/prod/web.yaml', FILES['clusters/prod/web.yaml'].replace('replicas: 3', 'replicas: 6'));
    await run([webDrift(7)], 7);
    github.pulls[0]!.state = 'closed';
    repo.run(['branch', '-D', SCAN_BRANCH]);

    expect(await run([webDrift(7)], 7)).toEqual([expect.objectContaining({ number: 2, action: 'created' })]);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 7');
  });

  it('a pull request driftback closed itself does not hold back the same drift when it comes back', async () => {
    await run([webDrift(5)], 5);
    await run([inSync(0)], 3);
    expect(github.pulls[0]?.state).toBe('closed');

    expect(await run([webDrift(5)], 5)).toEqual([expect.objectContaining({ number: 2, action: 'created' })]);
  });

  it('finds and updates the pull request GitHub says already exists', async () => {
    github.seedPull({ head: SCAN_BRANCH, title: 'opened by an earlier run that crashed', body: 'no markers' });

    expect(await run([webDrift(5)], 5)).toEqual([expect.objectContaining({ number: 1, action: 'updated' })]);

    expect(calls()).toEqual([
      'POST /repos/acme/infra/pulls',
      'PATCH /repos/acme/infra/pulls/1',
      'POST /repos/acme/infra/issues/1/labels',
    ]);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ title: 'Codify live drift in clusters/prod', labels: ['drift'] });
  });

  it('rides out 5xx and rate limits on the way', async () => {
    github.fail({ method: 'GET', path: '/repos/acme/infra/pulls', status: 502 });
    github.fail({ method: 'POST', path: '/repos/acme/infra/issues/1/labels', status: 500, times: 2 });
    github.fail({ method: 'POST', path: '/repos/acme/infra/pulls', status: 429, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } });

    expect(await run([webDrift(5)], 5)).toEqual([expect.objectContaining({ number: 1, action: 'created' })]);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]?.labels).toEqual(['drift']);
  });
});
