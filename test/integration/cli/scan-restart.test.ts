import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import type { DriftReport } from '../../../src/model/report.js';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:1.14.2
`;
const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
const RESTARTED_AT = '2026-11-20T09:15:00Z';
const POINTER = '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt';

describe('kubectl rollout restart is reported as a restart, not as drift', () => {
  const token = 'ghp_restartToken';
  let cluster: ScanCluster;
  let repo: GitRepo;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', web: DEPLOYMENT });
    // What `kubectl rollout restart deployment/web` sends.
    const restart = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': RESTARTED_AT } } } } };
    await cluster.kubectl.strategicPatch(web, restart, 'kubectl-rollout');
    repo = createGitRepo({ 'apps/web.yaml': DEPLOYMENT });
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  const scan = (...extra: string[]) => runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, ...extra], { env: { HOME: tmpdir() } });
  const scanJson = async (...extra: string[]) => {
    const run = await scan('--output', 'json', ...extra);
    return { ...run, report: JSON.parse(run.stdout) as DriftReport };
  };

  it('JSON: the object is in sync, with the restart (who and when) beside it; --explain gives the reason', async () => {
    const run = await scanJson('--explain');
    expect(run.code).toBe(0);
    const [result] = run.report.results;
    expect(result).toMatchObject({ status: 'InSync', changes: [], restart: { time: RESTARTED_AT, manager: 'kubectl-rollout' } });
    expect(result!.suppressed).toContainEqual({ path: POINTER, reason: 'restart', detail: `kubectl rollout restart by kubectl-rollout at ${RESTARTED_AT}` });
    expect(run.report.summary).toMatchObject({ inSync: 1, drifted: 0 });
  });

  it('table and markdown show it as a restart', async () => {
    const table = await scan();
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Deployment shop/web (apps/web.yaml#0)  changed by kubectl-rollout at `);
    expect(table.stdout).toContain(`  restarted by kubectl-rollout at ${RESTARTED_AT} (kubectl rollout restart; not drift)`);
    const markdown = await scan('--output', 'markdown');
    expect(markdown.stdout).toContain(`No drift.\n\n### Restarts\n\n- Deployment shop/web: restarted by kubectl-rollout at ${RESTARTED_AT} (kubectl rollout restart; not drift)`);
  });

  it('--restart-as-drift reports it as drift, and even then it is never codified', async () => {
    const run = await scanJson('--restart-as-drift');
    expect(run.code).toBe(1);
    expect(run.report.results[0]).toMatchObject({ status: 'Drifted', changes: [{ op: 'add', path: POINTER, live: RESTARTED_AT }] });
    expect(run.report.results[0]!.restart).toBeUndefined();

    await cluster.kubectl.mergePatch(web, { spec: { replicas: 4 } }, 'kubectl-scale');
    const github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
    try {
      const prs = await scan('--restart-as-drift', '--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra', '--github-token', token);
      expect(prs.stderr).toMatch(/pull request created: #1 /);
      const body = github.pulls[0]!.body;
      expect(body).toContain('`replace /spec/replicas`: `2` -> `4`');
      expect(body).toContain(`Deployment shop/web \`${POINTER}\`: not edited, it records a restart (kubectl rollout restart)`);
      repo.git('fetch', '--quiet', 'origin', github.pulls[0]!.head);
      const committed = repo.git('show', 'FETCH_HEAD:apps/web.yaml');
      expect(committed).toContain('replicas: 4');
      expect(committed).not.toContain('restartedAt');
    } finally {
      await github.close();
    }
  }, 30_000);
});
