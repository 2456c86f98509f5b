import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDriftPullRequests } from '../../../src/codify/index.js';
import { createGitPort } from '../../../src/codify/git/index.js';
import { LocalPullRequestPlatform } from '../../../src/codify/local/index.js';
import { BASELINE, FILES, driftReport, liveObjects, webDrift } from '../../support/codify-fixtures.js';
import { BareRepo } from '../../support/codify-git.js';
import { GitHttpServer } from '../../support/codify-git-http.js';

const TOKEN = 'ghp_s3cretT0ken+/=value';
const CREDENTIAL = `x-access-token:${TOKEN}`;
const AUTHORIZATION = `Basic ${Buffer.from(CREDENTIAL).toString('base64')}`;

function expectNoToken(text: string): void {
  for (const form of [
    TOKEN,
    Buffer.from(TOKEN).toString('base64'),
    Buffer.from(CREDENTIAL).toString('base64'),
    encodeURIComponent(TOKEN),
  ]) {
    expect(text).not.toContain(form);
  }
}

describe('pushing over HTTPS-style transport with a token', () => {
  let repo: BareRepo;
  let server: GitHttpServer;
  let directory: string;
  let logs: string[];

  beforeEach(async () => {
    repo = BareRepo.create(FILES);
    server = await GitHttpServer.start(repo.path, AUTHORIZATION);
    directory = mkdtempSync(join(tmpdir(), 'driftback-prs-'));
    logs = [];
  });

  afterEach(async () => {
    await server.close();
    repo.remove();
    rmSync(directory, { recursive: true, force: true });
  });

  function run(repoUrl: string) {
    return ensureDriftPullRequests({
      report: driftReport(repoUrl, [webDrift(5)]),
      baseline: BASELINE,
      live: liveObjects(5),
      options: { repo: repoUrl, token: TOKEN, baseBranch: 'main' },
      platform: new LocalPullRequestPlatform({ directory }),
      git: createGitPort(),
      log: (message) => logs.push(message),
    });
  }

  it('sends the token only as an Authorization header, never in the URL', async () => {
    const outcomes = await run(server.url);

    expect(outcomes).toEqual([expect.objectContaining({ action: 'created' })]);
    expect(repo.head('driftback/clusters-prod')).toBeDefined();
    expect(server.authorizations.length).toBeGreaterThan(0);
    expect(new Set(server.authorizations)).toEqual(new Set([AUTHORIZATION]));
    expectNoToken(logs.join('\n'));
  });

  it("scrubs the token from git's own output when the remote rejects the push", async () => {
    repo.installHook(
      'pre-receive',
      '#!/bin/sh\necho "rejected for $HTTP_AUTHORIZATION"\necho "$HTTP_AUTHORIZATION" | cut -d" " -f2 | base64 -d\necho\nexit 1\n',
    );

    const error = (await run(server.url).catch((caught: unknown) => caught)) as Error;

    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`git push ${server.url} failed`);
    expect(error.message).toContain('remote: rejected for Basic ***');
    expect(error.message).toContain('remote: x-access-token:***');
    expectNoToken(`${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}\n${String(error.cause)}`);
    expectNoToken(logs.join('\n'));
  });

  it('names an unreachable repository without credentials from its URL', async () => {
    const url = `http://x-access-token:${encodeURIComponent(TOKEN)}@127.0.0.1:9/infra.git`;

    const error = (await run(url).catch((caught: unknown) => caught)) as Error;

    expect(error.message).toMatch(/^git clone http:\/\/127\.0\.0\.1:9\/infra\.git failed: /);
    expectNoToken(error.message);
  });
});
