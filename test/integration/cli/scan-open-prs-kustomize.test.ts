import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftReport } from '../../../src/model/report.js';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';
import { FIXTURES, fixtureFiles, renderWithKubectl } from '../../support/kustomize-fixtures.js';
import { Kubectl } from '../../support/standin-kubectl.js';

const token = 'ghp_kustomizeWriteBackTokenNeverPrinted';
const env = { HOME: tmpdir(), PATH: process.env.PATH, GITHUB_TOKEN: token };
const branch = 'driftback/apps-overlays-prod';
const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' } });

describe('scan --open-prs on a Kustomize overlay: drift is written into the overlay that owns each field', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  let github: GitHubStandIn;
  let checkouts: string;
  let run: { code: number; stdout: string; stderr: string };

  const scan = (...extra: string[]) =>
    runDriftback(['scan', '--repo', repo.url, '--path', 'apps/overlays/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { env });
  const checkout = (ref: string): string => {
    const dir = join(checkouts, ref.replace(/\W/g, '-'));
    if (existsSync(dir)) return dir;
    repo.git('fetch', '--quiet', 'origin', ref);
    repo.git('worktree', 'add', '--quiet', '--detach', dir, 'FETCH_HEAD');
    return dir;
  };

  beforeAll(async () => {
    checkouts = mkdtempSync(join(tmpdir(), 'driftback-pr-checkouts-'));
    cluster = await startScanCluster({ namespace: 'default' });
    repo = createGitRepo(fixtureFiles('shop'));
    github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
    const shop = join(FIXTURES, 'shop');
    await cluster.apply({ prod: renderWithKubectl(shop, 'apps/overlays/prod'), staging: renderWithKubectl(shop, 'apps/overlays/staging') });

    await cluster.kubectl.mergePatch(deployment('web'), { spec: { replicas: 5 } }, 'kubectl-scale');
    await cluster.kubectl.strategicPatch(
      deployment('web'),
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.0.4', resources: { limits: { memory: '1Gi' } } }] } } } },
      'kubectl-edit',
    );
    await cluster.kubectl.strategicPatch(
      deployment('worker'),
      {
        spec: {
          template: {
            metadata: { annotations: { 'prometheus.io/scrape': 'false' } },
            spec: { containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:2.5.0', args: ['--queue', 'orders-eu'] }] },
          },
        },
      },
      'kubectl-edit',
    );
    await cluster.kubectl.mergePatch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config-c5k9d279bc', namespace: 'shop' } }, { data: { LOG_LEVEL: 'debug' } }, 'kubectl-edit');
    await cluster.kubectl.mergePatch({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } }, { metadata: { labels: { release: 'hotfix' } } }, 'kubectl-label');

    run = await scan('--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra');
  }, 60_000);

  afterAll(async () => {
    await github.close();
    await cluster.close();
    repo.cleanup();
    rmSync(checkouts, { recursive: true, force: true });
  });

  it('opens one pull request that edits only files of the prod overlay', () => {
    expect(run.stderr).toMatch(/pull request created: #1 .* on branch driftback\/apps-overlays-prod/);
    expect(run.code).toBe(1);
    expect(github.unexpected).toEqual([]);
    repo.git('fetch', '--quiet', 'origin', branch);
    expect(repo.git('diff', '--name-status', 'main', 'FETCH_HEAD').trim().split('\n').sort()).toEqual([
      'A\tapps/overlays/prod/driftback-deployment-worker.yaml',
      'A\tapps/overlays/prod/driftback-service-web.yaml',
      'M\tapps/overlays/prod/kustomization.yaml',
      'M\tapps/overlays/prod/web-resources.yaml',
      'M\tapps/overlays/prod/worker-queue.yaml',
    ]);
  });

  it('edits the owning entries in place, byte-minimally, keeping comments', () => {
    const diff = (path: string) =>
      repo.git('diff', '--unified=0', 'main', 'FETCH_HEAD', '--', path).split('\n').filter((line) => /^[-+](?![-+])/.test(line));
    expect(diff('apps/overlays/prod/kustomization.yaml')).toEqual([
      '-    newTag: 1.0.3 # bumped by the release pipeline',
      '+    newTag: "1.0.4" # bumped by the release pipeline',
      '-    count: 3',
      '+    count: 5',
      '+  - path: driftback-service-web.yaml',
      '+  - path: driftback-deployment-worker.yaml',
      '-      - LOG_LEVEL=warn',
      '+      - LOG_LEVEL=debug',
    ]);
    expect(diff('apps/overlays/prod/web-resources.yaml')).toEqual(['-              memory: 512Mi', '+              memory: 1Gi']);
    expect(diff('apps/overlays/prod/worker-queue.yaml')).toEqual(['-  value: orders-prod', '+  value: orders-eu']);
    expect(repo.git('show', 'FETCH_HEAD:apps/overlays/prod/driftback-deployment-worker.yaml')).toBe(
      [
        '# Written by driftback: the live Deployment shop/worker, codified.',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: worker',
        'spec:',
        '  template:',
        '    metadata:',
        '      annotations:',
        '        prometheus.io/scrape: "false"',
        '    spec:',
        '      containers:',
        '        - name: worker',
        '          image: ghcr.io/acme/worker:2.5.0',
        '',
      ].join('\n'),
    );
  });

  it('says in the pull request that the generated ConfigMap gets a new hash suffix and pods roll', () => {
    const body = github.pulls[0]!.body;
    expect(body).toMatch(/ConfigMap shop\/web-config-c5k9d279bc is generated by configMapGenerator web-config: the change gives it a new hash suffix \(web-config-c5k9d279bc -> web-config-\w{10}\), so the workloads that use it roll their pods/);
    expect(body).toContain('rendered by `apps/overlays/prod`');
    expect(body).not.toContain(token);
  });

  it('the pull request branch renders what the cluster runs: only the generated name differs', async () => {
    const report = JSON.parse((await scan('--revision', branch)).stdout) as DriftReport;
    const notInSync = report.results.filter((r) => r.status !== 'InSync').map((r) => ({ status: r.status, object: `${r.object.kind} ${r.object.name}`, changes: r.changes.map((c) => c.path) }));
    expect(notInSync).toEqual([
      { status: 'Missing', object: expect.stringMatching(/^ConfigMap web-config-(?!c5k9d279bc)\w{10}$/), changes: [] },
      { status: 'Drifted', object: 'Deployment web', changes: ['/spec/template/spec/containers/0/envFrom/0/configMapRef/name'] },
    ]);
  });

  it('and leaves every other overlay\'s output as it was', () => {
    const main = checkout('main');
    const pr = checkout(branch);
    expect(renderWithKubectl(pr, 'apps/overlays/staging')).toBe(renderWithKubectl(main, 'apps/overlays/staging'));
    expect(renderWithKubectl(pr, 'apps/overlays/prod')).not.toBe(renderWithKubectl(main, 'apps/overlays/prod'));
  });

  it('applying the branch with kubectl apply -k, as a GitOps tool would, leaves no drift', async () => {
    const kubectl = await Kubectl.forServer(cluster.server);
    const applied = await kubectl.run(['apply', '--validate=false', '-k', join(checkout(branch), 'apps/overlays/prod')]);
    expect(applied).toEqual(expect.objectContaining({ code: 0 }));
    const report = JSON.parse((await scan('--revision', branch)).stdout) as DriftReport;
    expect(report.summary).toEqual(expect.objectContaining({ objects: 5, inSync: 5 }));
  });
});

describe('scan --open-prs on an overlay with a namePrefix (staging)', () => {
  it('names the object in a new patch as the overlay\'s build does, before its prefix, and renders in sync', async () => {
    const cluster = await startScanCluster({ namespace: 'default' });
    const repo = createGitRepo(fixtureFiles('shop'));
    const github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
    const checkouts = mkdtempSync(join(tmpdir(), 'driftback-pr-staging-'));
    try {
      await cluster.apply({ staging: renderWithKubectl(join(FIXTURES, 'shop'), 'apps/overlays/staging') });
      const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'staging-web', namespace: 'shop-staging' } };
      await cluster.kubectl.mergePatch(web, { spec: { replicas: 2 } }, 'kubectl-scale');
      const scan = (...extra: string[]) =>
        runDriftback(['scan', '--repo', repo.url, '--path', 'apps/overlays/staging', '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { env });
      const run = await scan('--open-prs', '--github-api-url', github.url, '--github-repository', 'acme/infra');
      expect(run.stderr).toMatch(/pull request created: #1 /);
      const stagingBranch = 'driftback/apps-overlays-staging';
      repo.git('fetch', '--quiet', 'origin', stagingBranch);
      expect(repo.git('show', 'FETCH_HEAD:apps/overlays/staging/driftback-deployment-web.yaml')).toBe(
        '# Written by driftback: the live Deployment shop-staging/staging-web, codified.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
      );
      const report = JSON.parse((await scan('--revision', stagingBranch)).stdout) as DriftReport;
      expect(report.summary).toEqual(expect.objectContaining({ objects: 5, inSync: 5 }));
      const dir = join(checkouts, 'pr');
      repo.git('worktree', 'add', '--quiet', '--detach', dir, 'FETCH_HEAD');
      expect(renderWithKubectl(dir, 'apps/overlays/prod')).toBe(renderWithKubectl(join(FIXTURES, 'shop'), 'apps/overlays/prod'));
    } finally {
      await github.close();
      await cluster.close();
      repo.cleanup();
      rmSync(checkouts, { recursive: true, force: true });
    }
  }, 60_000);
});
