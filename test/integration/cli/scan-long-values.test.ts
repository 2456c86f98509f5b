import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';

const PASSWORD = 'hunter2-very-secret-value';
const dashboard = (title: string) =>
  JSON.stringify({ panels: Array.from({ length: 400 }, (_, i) => ({ id: i, title: i === 250 ? title : `panel ${i}`, type: 'graph' })) }, null, 2);
const banner = (middle: string) => `${'welcome to the shop, '.repeat(15)}${middle}${' have a nice day,'.repeat(15)}`;
const indent = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');

const FILES = {
  'clusters/prod/dashboards.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: grafana-dashboards
  namespace: shop
data:
  banner: "${banner('sale ends friday')}"
  web.json: |
${indent(dashboard('Latency'))}
`,
  'clusters/prod/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: ${PASSWORD}\n`,
};
const dashboards = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'grafana-dashboards', namespace: 'shop' } };

describe('scan shows the part of a long value that differs', () => {
  const token = 'ghp_longValuesToken';
  let cluster: ScanCluster;
  let repo: GitRepo;
  let github: GitHubStandIn;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', ...FILES });
    const data = { banner: banner(`password=${PASSWORD}`), 'web.json': `${dashboard('Latency p99')}\n` };
    await cluster.kubectl.mergePatch(dashboards, { data }, 'kubectl-edit');
    repo = createGitRepo(FILES);
    github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
  });

  afterAll(async () => {
    await github.close();
    await cluster.close();
    repo.cleanup();
  });

  const scan = (...extra: string[]) => runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, ...extra], { env: { HOME: tmpdir() } });
  const lineCount = dashboard('Latency').split('\n').length + 1;

  it('table: a line diff for a long multi-line string, a window around the change for a long line, no Secret value', async () => {
    const run = await scan();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        `  ~ /data/web.json: 1 of ${lineCount} lines removed, 1 added`,
        '      @@ -1254,3 +1254,3 @@',
        '             "id": 250,',
        '      -      "title": "Latency",',
        '      +      "title": "Latency p99",',
        '             "type": "graph"',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      '  ~ /data/banner: …p, welcome to the shop, sale ends friday have a nice day, have a… -> …p, welcome to the shop, password=<redacted> have a nice day, have a…',
    );
    expect(run.stdout).not.toContain('{\n  "panels"');
    expect(run.stdout).not.toContain(PASSWORD);
  });

  it('markdown: the same inside the diff block', async () => {
    const run = await scan('--output', 'markdown');
    expect(run.stdout).toContain(`~ /data/web.json: 1 of ${lineCount} lines removed, 1 added\n    @@ -1254,3 +1254,3 @@`);
    expect(run.stdout).toContain('    -      "title": "Latency",\n    +      "title": "Latency p99",');
    expect(run.stdout).not.toContain(PASSWORD);
  });

  it('the pull request body shows the line diff in a diff block; the change holding a Secret value stays out', async () => {
    const run = await scan('--path', 'clusters/prod', '--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra', '--github-token', token);
    expect(run.stderr).toMatch(/pull request created: #1 /);
    const body = github.pulls[0]!.body;
    expect(body).toContain(
      [
        `- \`replace /data/web.json\`: 1 of ${lineCount} lines removed, 1 added`,
        '  ```diff',
        '  @@ -1254,3 +1254,3 @@',
        '         "id": 250,',
        '  -      "title": "Latency",',
        '  +      "title": "Latency p99",',
        '         "type": "graph"',
        '  ```',
      ].join('\n'),
    );
    expect(body).not.toContain(PASSWORD);
    expect(body).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  }, 30_000);
});
