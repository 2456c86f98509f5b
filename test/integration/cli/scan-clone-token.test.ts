import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { startRefusingGitHost, type RefusingGitHost } from '../../support/refusing-git-host.js';

// A Git smart-HTTP host that records the Authorization header of every request and refuses access.
describe('scan --repo on a host that is not GitHub', () => {
  const token = 'ghp_githubTokenForGitHubOnly';
  const basic = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  let gitHost: RefusingGitHost;
  let seen: (string | undefined)[];
  let host: string;
  let cluster: ScanCluster;

  beforeAll(async () => {
    gitHost = await startRefusingGitHost();
    ({ seen, url: host } = gitHost);
    cluster = await startScanCluster();
  });

  afterAll(async () => {
    await cluster.close();
    await gitHost.close();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const scan = (extra: string[], env: NodeJS.ProcessEnv = {}) =>
    runDriftback(['scan', '--repo', `${host}/acme/infra.git`, '--kubeconfig', cluster.kubeconfig, ...extra], { env: { HOME: tmpdir(), ...env } });

  it('never sends GITHUB_TOKEN to it', async () => {
    const run = await scan([], { GITHUB_TOKEN: token });
    expect(run.code).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === undefined)).toBe(true);
    expect(run.stderr).not.toContain(token);
  });

  it('never sends --github-token to it either', async () => {
    const run = await scan(['--github-token', token]);
    expect(run.code).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === undefined)).toBe(true);
  });

  it('sends the token when the host is the GitHub Enterprise Server that --github-api-url names', async () => {
    const run = await scan(['--github-api-url', `${host}/api/v3`], { GITHUB_TOKEN: token });
    expect(run.code).toBe(2);
    expect(seen).toContain(basic);
    expect(run.stderr).toMatch(/access denied/);
    expect(run.stderr).not.toContain(token);
  });
});
