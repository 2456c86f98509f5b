import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureDriftPullRequests,
  type PullRequestOptions,
  type PullRequestOutcome,
} from '../../../src/codify/index.js';
import { createGitPort } from '../../../src/codify/git/index.js';
import { LocalPullRequestPlatform } from '../../../src/codify/local/index.js';
import { objectKey, type DriftResult, type KubeObject } from '../../../src/model/index.js';
import {
  API_VIOLATING,
  API_YAML,
  BASELINE,
  CONFIG_YAML,
  FILES,
  manifest,
  SECRET_CHANGED,
  driftReport,
  inSync,
  liveObjects,
  WEB_YAML,
  webDrift,
} from '../../support/codify-fixtures.js';
import { BareRepo } from '../../support/codify-git.js';

/** The one branch of a scan of `clusters/prod` under the default grouping. */
const SCAN_BRANCH = 'driftback/clusters-prod';

describe('ensureDriftPullRequests with the local target and a bare repository', () => {
  let repo: BareRepo;
  let directory: string;
  let platform: LocalPullRequestPlatform;

  beforeEach(() => {
    repo = BareRepo.create(FILES);
    directory = mkdtempSync(join(tmpdir(), 'driftback-prs-'));
    platform = new LocalPullRequestPlatform({ directory, now: () => new Date('2026-11-27T12:00:00Z') });
  });

  afterEach(() => {
    repo.remove();
    rmSync(directory, { recursive: true, force: true });
  });

  function run(
    results: DriftResult[],
    replicas: number,
    options: Partial<PullRequestOptions> = {},
    live: Map<string, KubeObject> = liveObjects(replicas),
  ): Promise<PullRequestOutcome[]> {
    return ensureDriftPullRequests({
      report: driftReport(repo.path, results),
      baseline: BASELINE,
      live,
      options: { repo: repo.path, ...options },
      platform,
      git: createGitPort(),
    });
  }

  const state = () => readFileSync(join(directory, 'pulls.json'), 'utf8');

  it('pushes one commit by the bot with exactly the drifted line and opens a labelled pull request', async () => {
    const outcomes = await run([webDrift(5), inSync(1), inSync(2)], 5);

    expect(outcomes).toEqual([
      { branch: SCAN_BRANCH, number: 1, url: expect.stringMatching(/^file:.*pr-1\.md$/), action: 'created' },
    ]);
    expect(repo.commitCount(SCAN_BRANCH)).toBe(1);
    expect(repo.authorOf(SCAN_BRANCH)).toBe('driftback[bot] <driftback@users.noreply.github.com>');
    expect(repo.run(['log', '-1', '--format=%B', SCAN_BRANCH])).toContain('- Deployment shop/web (clusters/prod/web.yaml)');
    expect(repo.diff(SCAN_BRANCH)).toBe(
      [
        'diff --git a/clusters/prod/web.yaml b/clusters/prod/web.yaml',
        '--- a/clusters/prod/web.yaml',
        '+++ b/clusters/prod/web.yaml',
        '@@ -5,7 +5,7 @@ metadata:',
        '   name: web',
        '   namespace: shop',
        ' spec:',
        '-  replicas: 3  # scaled by hand in incidents',
        '+  replicas: 5  # scaled by hand in incidents',
        '   template:',
        '     spec:',
        '       containers:',
        '',
      ].join('\n'),
    );
    const [pr] = (await platform.readState()).pulls;
    expect(pr).toMatchObject({ title: 'Codify live drift in clusters/prod', head: SCAN_BRANCH, base: 'main', labels: ['drift'] });
    expect(pr?.body).toContain('`replace /spec/replicas`: `3` -> `5`');
    expect(pr?.body).toContain('kubectl-edit (Update, 2026-11-20T09:00:00Z)');
    expect(pr?.body).toMatch(/<!-- driftback:fingerprint=[0-9a-f]{64} -->/);
    expect(readFileSync(join(directory, 'pr-1.md'), 'utf8')).toContain('# Codify live drift in clusters/prod');
  });

  it('changes nothing when the same drift is seen again', async () => {
    await run([webDrift(5)], 5);
    const head = repo.head(SCAN_BRANCH);
    const before = state();

    const outcomes = await run([webDrift(5)], 5);

    expect(outcomes).toEqual([expect.objectContaining({ number: 1, action: 'unchanged' })]);
    expect(repo.head(SCAN_BRANCH)).toBe(head);
    expect(state()).toBe(before);
  });

  it('force-updates the same branch and pull request when the drift changes', async () => {
    await run([webDrift(5)], 5);
    const head = repo.head(SCAN_BRANCH);

    const outcomes = await run([webDrift(7)], 7);

    expect(outcomes).toEqual([expect.objectContaining({ number: 1, action: 'updated' })]);
    expect(repo.head(SCAN_BRANCH)).not.toBe(head);
    expect(repo.commitCount(SCAN_BRANCH)).toBe(1);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 7  #');
    const pulls = (await platform.readState()).pulls;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.body).toContain('`3` -> `7`');
  });

  it('closes the pull request with a comment and deletes the branch when the drift is gone', async () => {
    await run([webDrift(5)], 5);

    const outcomes = await run([inSync(0), inSync(1)], 3);

    expect(outcomes).toEqual([{ branch: SCAN_BRANCH, number: 1, url: expect.any(String), action: 'closed' }]);
    expect(repo.head(SCAN_BRANCH)).toBeUndefined();
    const [pr] = (await platform.readState()).pulls;
    expect(pr?.state).toBe('closed');
    expect(pr?.comments).toHaveLength(1);
    expect(await run([inSync(0)], 3)).toEqual([]);
  });

  it("leaves a person's commit alone and comments once", async () => {
    await run([webDrift(5)], 5);
    repo.pushAsPerson(SCAN_BRANCH, 'clusters/prod/web.yaml', WEB_BY_HAND);
    const personal = repo.head(SCAN_BRANCH);

    const first = await run([webDrift(7)], 7);
    const second = await run([webDrift(7)], 7);

    expect(first).toEqual([expect.objectContaining({ number: 1, action: 'skipped-human-commit' })]);
    expect(second).toEqual(first);
    expect(repo.head(SCAN_BRANCH)).toBe(personal);
    const [pr] = (await platform.readState()).pulls;
    expect(pr?.comments).toHaveLength(1);
    expect(pr?.comments[0]?.body).toContain('Someone pushed to this branch');
    expect(pr?.body).toContain('`3` -> `5`');
  });

  it('codifies two drifted objects of two files of one scan in one commit of one pull request', async () => {
    const live = liveObjects(5);
    const liveApi = live.get(objectKey(API_DRIFT.object)) as KubeObject & { spec: { replicas: number } };
    liveApi.spec.replicas = 4;

    const outcomes = await run([webDrift(5), API_DRIFT, inSync(2)], 5, {}, live);

    expect(outcomes).toEqual([{ branch: SCAN_BRANCH, number: 1, url: expect.any(String), action: 'created' }]);
    expect(repo.run(['branch', '--list', 'driftback/*'])).toBe(`  ${SCAN_BRANCH}\n`);
    expect(repo.commitCount(SCAN_BRANCH)).toBe(1);
    expect(repo.run(['diff', '--name-only', `main...${SCAN_BRANCH}`])).toBe('clusters/prod/api.yaml\nclusters/prod/web.yaml\n');
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toBe(WEB_YAML.replace('replicas: 3', 'replicas: 5'));
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/api.yaml')).toBe(API_YAML.replace('replicas: 2', 'replicas: 4'));
    const message = repo.run(['log', '-1', '--format=%B', SCAN_BRANCH]);
    expect(message).toContain('- Deployment shop/web (clusters/prod/web.yaml)');
    expect(message).toContain('- Deployment shop/api (clusters/prod/api.yaml)');
    const pulls = (await platform.readState()).pulls;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.body).toContain('`3` -> `5`');
    expect(pulls[0]?.body).toContain('`2` -> `4`');

    // The same drift again changes nothing; new drift in one file updates the same pull request.
    expect(await run([webDrift(5), API_DRIFT], 5, {}, live)).toEqual([expect.objectContaining({ number: 1, action: 'unchanged' })]);
    const next = liveObjects(7);
    (next.get(objectKey(API_DRIFT.object)) as KubeObject & { spec: { replicas: number } }).spec.replicas = 4;
    expect(await run([webDrift(7), API_DRIFT], 7, {}, next)).toEqual([expect.objectContaining({ number: 1, action: 'updated' })]);
    expect(repo.commitCount(SCAN_BRANCH)).toBe(1);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/web.yaml')).toContain('replicas: 7  #');
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/api.yaml')).toContain('replicas: 4');
    expect((await platform.readState()).pulls).toHaveLength(1);
  });

  it('opens one pull request per file under `--pr-per file`, and closes them when the scan switches back', async () => {
    const live = liveObjects(5);
    (live.get(objectKey(API_DRIFT.object)) as KubeObject & { spec: { replicas: number } }).spec.replicas = 4;

    const outcomes = await run([webDrift(5), API_DRIFT], 5, { prPer: 'file' }, live);

    expect(outcomes.map((outcome) => [outcome.branch, outcome.action])).toEqual([
      ['driftback/clusters-prod-api.yaml', 'created'],
      ['driftback/clusters-prod-web.yaml', 'created'],
    ]);
    expect(repo.run(['diff', '--name-only', 'main...driftback/clusters-prod-web.yaml'])).toBe('clusters/prod/web.yaml\n');
    expect((await platform.readState()).pulls.map((pr) => pr.title)).toEqual([
      'Codify live drift in clusters/prod/api.yaml',
      'Codify live drift in clusters/prod/web.yaml',
    ]);

    const switched = await run([webDrift(5), API_DRIFT], 5, {}, live);

    expect(switched.map((outcome) => [outcome.branch, outcome.action])).toEqual([
      [SCAN_BRANCH, 'created'],
      ['driftback/clusters-prod-api.yaml', 'closed'],
      ['driftback/clusters-prod-web.yaml', 'closed'],
    ]);
  });

  it('groups by namespace and names what it left out without any Secret value', async () => {
    const outcomes = await run([webDrift(5), API_VIOLATING, SECRET_CHANGED], 5, { prPer: 'namespace', labels: ['drift', 'shop'] });

    expect(outcomes).toEqual([expect.objectContaining({ branch: 'driftback/ns-shop', action: 'created' })]);
    const [pr] = (await platform.readState()).pulls;
    expect(pr?.labels).toEqual(['drift', 'shop']);
    expect(pr?.body).toContain('1 violating change left out: Deployment shop/api (guardrails/pinned-images)');
    expect(pr?.body).toContain('Secret shop/db: Secret data changed in the cluster (`/data/password`)');
    expect(pr?.body).toContain('rotate it in the secret store');
    expect(pr?.body).not.toContain('aHVudGVyMg==');
    expect(pr?.body).not.toContain('hunter2');
    expect(repo.run(['diff', '--stat', 'main...driftback/ns-shop'])).toContain('1 file changed');
  });

  it('opens nothing for violating drift or a Secret value alone', async () => {
    expect(await run([API_VIOLATING, SECRET_CHANGED, inSync(0)], 3)).toEqual([]);
    expect(repo.run(['branch', '--list', 'driftback/*'])).toBe('');
  });

  it('removes the document of a Missing object only when deletions are codified', async () => {
    const missing: DriftResult = { ...inSync(0), status: 'Missing' };

    expect(await run([missing], 3)).toEqual([]);
    const outcomes = await run([missing], 3, { codifyDeletions: true });

    expect(outcomes).toEqual([expect.objectContaining({ action: 'created' })]);
    expect(repo.run(['diff', '--name-status', `main...${SCAN_BRANCH}`])).toBe('D\tclusters/prod/web.yaml\n');
  });

  it('edits one document and removes another of the same file in one commit', async () => {
    const settings = manifest('clusters/prod/config.yaml', CONFIG_YAML, 0);
    const flags = manifest('clusters/prod/config.yaml', CONFIG_YAML, 1);
    const live = structuredClone(settings.object) as KubeObject & { data: Record<string, string> };
    live.data.retries = '5';
    const drift: DriftResult = {
      object: settings.ref,
      status: 'Drifted',
      source: settings.source,
      changes: [{ op: 'replace', path: '/data/retries', baseline: '3', live: '5' }],
      verdict: null,
      violations: [],
      actors: [],
    };
    const missing: DriftResult = { ...drift, object: flags.ref, source: flags.source, status: 'Missing', changes: [] };

    const outcomes = await ensureDriftPullRequests({
      report: driftReport(repo.path, [drift, missing]),
      baseline: [settings, flags],
      live: new Map([[objectKey(settings.ref), live]]),
      options: { repo: repo.path, codifyDeletions: true },
      platform,
      git: createGitPort(),
    });

    expect(outcomes).toEqual([expect.objectContaining({ branch: SCAN_BRANCH, action: 'created' })]);
    expect(repo.show(SCAN_BRANCH, 'clusters/prod/config.yaml')).toBe(
      CONFIG_YAML.replace('retries: "3"', 'retries: "5"').slice(0, CONFIG_YAML.indexOf('---')),
    );
  });

  it('reports a push the remote rejects, naming the repository', async () => {
    repo.installHook('pre-receive', '#!/bin/sh\necho "branch protection: no pushes" >&2\nexit 1\n');

    const error = await run([webDrift(5)], 5).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'GitStepError', disposition: 'stall' });
    expect((error as Error).message).toContain(`git push ${repo.path} failed: `);
    expect((error as Error).message).toContain('branch protection: no pushes');
    expect(await platform.readState()).toEqual({ nextNumber: 1, pulls: [] });
  });
});

const WEB_BY_HAND = FILES['clusters/prod/web.yaml'].replace('replicas: 3', 'replicas: 4');

/** Compliant drift in a second file of the scan: api scaled from 2 to 4. */
const API_DRIFT: DriftResult = {
  ...API_VIOLATING,
  changes: [{ op: 'replace', path: '/spec/replicas', baseline: 2, live: 4 }],
  verdict: 'compliant',
  violations: [],
};
