import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { ALL_KINDS_FILES } from '../../support/cli-fixtures.js';
import { runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const notInSync = (report: DriftReport) =>
  report.results.filter((r) => r.status !== 'InSync').map((r) => ({ object: r.object, status: r.status, changes: r.changes, error: r.error }));

describe('scan: no false drift', () => {
  const clusters: ScanCluster[] = [];
  const repos: GitRepo[] = [];
  const setUp = async (gitFiles: Record<string, string>, liveFiles = gitFiles) => {
    const cluster = await startScanCluster({ namespace: 'shop' });
    clusters.push(cluster);
    await cluster.apply(liveFiles);
    const repo = createGitRepo(gitFiles);
    repos.push(repo);
    return { cluster, repo };
  };
  const scanJson = async (cluster: ScanCluster, repo: GitRepo) => {
    const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json']);
    return { ...run, report: JSON.parse(run.stdout) as DriftReport };
  };

  afterAll(async () => {
    for (const cluster of clusters) await cluster.close();
    for (const repo of repos) repo.cleanup();
  });

  describe('every kind people keep in Git, applied with kubectl apply', () => {
    let run: Awaited<ReturnType<typeof scanJson>>;

    beforeAll(async () => {
      const { cluster, repo } = await setUp(ALL_KINDS_FILES);
      run = await scanJson(cluster, repo);
    });

    it('scans InSync and exits 0', () => {
      expect(notInSync(run.report)).toEqual([]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    });

    it('compares every kind', () => {
      const kinds = new Set(run.report.results.map((r) => r.object.kind));
      expect([...kinds].sort()).toEqual(
        [
          'ClusterRole',
          'ClusterRoleBinding',
          'ConfigMap',
          'CronJob',
          'DaemonSet',
          'Deployment',
          'HorizontalPodAutoscaler',
          'Ingress',
          'Job',
          'Namespace',
          'NetworkPolicy',
          'PodDisruptionBudget',
          'Role',
          'RoleBinding',
          'Secret',
          'Service',
          'ServiceAccount',
          'StatefulSet',
        ].sort(),
      );
      expect(run.report.summary).toMatchObject({ objects: 18, inSync: 18 });
    });
  });

  it('quantities spelled 0.5 and 0.5Gi in Git equal 500m and 512Mi live', async () => {
    const git = (cpu: string, memory: string) => ({
      'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:1.14.2
        resources:
          requests: {cpu: ${cpu}, memory: ${memory}}
          limits: {cpu: 1, memory: 1Gi}
`,
    });
    // A real API server stores the canonical spelling; the stand-in stores what it is sent.
    const { cluster, repo } = await setUp(git('0.5', '0.5Gi'), git('500m', '512Mi'));
    const run = await scanJson(cluster, repo);
    expect(notInSync(run.report)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('empty maps and lists in Git that the server omits, and replicas an HPA scales through /scale, are not drift', async () => {
    const deployment = (gitOnly: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${gitOnly ? '  annotations: {}\n' : ''}spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${gitOnly ? '      tolerations: []\n      nodeSelector: {}\n' : ''}      containers:
      - name: web
        image: nginx:1.27
`;
    const { cluster, repo } = await setUp({ 'web.yaml': deployment('yes') }, { 'web.yaml': deployment('') });
    const scale = await fetch(`${cluster.server.url}/apis/apps/v1/namespaces/shop/deployments/web/scale?fieldManager=kube-controller-manager`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas: 4 } }),
    });
    expect(scale.status).toBe(200);
    const live = cluster.server.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect((live?.spec as { replicas?: number }).replicas).toBe(4);
    const run = await scanJson(cluster, repo);
    expect(notInSync(run.report)).toEqual([]);
    expect(run.code).toBe(0);
  });

  // A real API server folds stringData into data on write and never stores stringData; so does the stand-in.
  it('a Secret written with stringData and applied as is (no folding by the test) is InSync', async () => {
    const files = { 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: shop\nstringData:\n  password: hunter2-but-longer\n' };
    const { cluster, repo } = await setUp({ ...files });
    await cluster.kubectl.delete({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' } });
    await cluster.kubectl.apply(files['secret.yaml']);
    const run = await scanJson(cluster, repo);
    expect(notInSync(run.report)).toEqual([]);
  });
});
