import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  UnsafePathError,
  ensureDriftPullRequests,
  type CommitInfo,
  type GitPort,
  type GitWorkspace,
} from '../../../src/codify/index.js';
import { LocalPullRequestPlatform } from '../../../src/codify/local/index.js';
import type { DriftReport, DriftResult, Manifest } from '../../../src/model/index.js';
import { API_VIOLATING, BASELINE, FILES, driftReport, inSync, liveObjects, webDrift } from '../../support/codify-fixtures.js';

/** A git port in memory: enough to see what ensureDriftPullRequests asks of git. */
class MemoryGit implements GitPort {
  opened = 0;
  readonly pushed: string[] = [];
  readonly remote = new Map<string, CommitInfo>();
  readonly refused = new Set<string>();

  async openWorkspace(): Promise<GitWorkspace> {
    this.opened += 1;
    const local = new Map<string, CommitInfo>();
    return {
      readBaseFile: async (path) => {
        if (this.refused.has(path)) throw new UnsafePathError(`refusing to write ${JSON.stringify(path)}: it leaves the repository`);
        return (FILES as Record<string, string>)[path];
      },
      listBaseFiles: async () => Object.keys(FILES),
      remoteBranchHead: async (branch) => this.remote.get(branch),
      commit: async (branch, files, message) => {
        const tree = createHash('sha1').update(JSON.stringify(files)).digest('hex');
        const commit = { sha: createHash('sha1').update(message + tree).digest('hex'), tree, authorEmail: 'driftback@users.noreply.github.com' };
        local.set(branch, commit);
        return commit;
      },
      push: async (branch) => {
        this.pushed.push(branch);
        this.remote.set(branch, local.get(branch) as CommitInfo);
      },
      deleteRemoteBranch: async (branch) => void this.remote.delete(branch),
      dispose: async () => undefined,
    };
  }
}

describe('ensureDriftPullRequests decisions', () => {
  let directory: string;
  let platform: LocalPullRequestPlatform;
  let git: MemoryGit;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'driftback-prs-'));
    platform = new LocalPullRequestPlatform({ directory });
    git = new MemoryGit();
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function run(results: DriftResult[], options: { report?: DriftReport; baseline?: Manifest[]; prPer?: 'namespace' } = {}) {
    return ensureDriftPullRequests({
      report: options.report ?? driftReport('repo', results),
      baseline: options.baseline ?? BASELINE,
      live: liveObjects(5),
      options: { repo: 'repo', prPer: options.prPer },
      platform,
      git,
    });
  }

  it('does not even clone when the drift is the same as last time', async () => {
    await run([webDrift(5)]);
    expect(await run([webDrift(5)])).toEqual([expect.objectContaining({ action: 'unchanged' })]);
    expect(git.opened).toBe(1);
  });

  it('keeps a pull request open while an object of its group cannot be compared', async () => {
    await run([webDrift(5)]);
    const error: DriftResult = { ...inSync(0), status: 'Error', error: 'the cluster does not serve apps/v1' };

    expect(await run([error])).toEqual([]);
    expect((await platform.readState()).pulls[0]?.state).toBe('open');
  });

  it("leaves pull requests of another scan's paths alone", async () => {
    await run([webDrift(5)]);
    const other = driftReport('repo', [inSync(0)]);
    other.source.paths = ['clusters/staging'];

    expect(await run([], { report: other })).toEqual([]);
    expect((await platform.readState()).pulls[0]?.state).toBe('open');
  });

  it("opens one pull request per scan and never closes another scan's, each on its own branch", async () => {
    const staging = driftReport('repo', [webDrift(5)], ['clusters/staging']);

    expect(await run([webDrift(5)])).toEqual([expect.objectContaining({ branch: 'driftback/clusters-prod', action: 'created' })]);
    expect(await run([], { report: staging })).toEqual([expect.objectContaining({ branch: 'driftback/clusters-staging', action: 'created' })]);
    expect(await run([inSync(0)])).toEqual([expect.objectContaining({ branch: 'driftback/clusters-prod', action: 'closed' })]);

    const pulls = (await platform.readState()).pulls;
    expect(pulls.map((pr) => [pr.head, pr.state])).toEqual([
      ['driftback/clusters-prod', 'closed'],
      ['driftback/clusters-staging', 'open'],
    ]);
  });

  it('lists an object whose file would land outside the clone and codifies the rest', async () => {
    const api = BASELINE[1] as Manifest;
    const escaping = { ...api, source: { path: '../outside/api.yaml', document: 0 } };
    git.refused.add('../outside/api.yaml');
    const apiCompliant = { ...API_VIOLATING, verdict: 'compliant' as const, violations: [] };

    const outcomes = await run([webDrift(5), apiCompliant], { baseline: [BASELINE[0] as Manifest, escaping], prPer: 'namespace' });

    expect(outcomes).toEqual([expect.objectContaining({ action: 'created' })]);
    const body = (await platform.readState()).pulls[0]?.body ?? '';
    expect(body).toContain('Deployment shop/api: not edited, refusing to write "../outside/api.yaml": it leaves the repository.');
    expect(git.pushed).toEqual(['driftback/ns-shop']);
  });

  it('closes a pull request whose group has only violating drift left', async () => {
    await run([webDrift(5)]);
    const webViolating = { ...webDrift(9), verdict: 'violating' as const };

    expect(await run([webViolating])).toEqual([expect.objectContaining({ action: 'closed' })]);
    expect(git.remote.size).toBe(0);
  });
});
