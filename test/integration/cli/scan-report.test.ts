import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport, DriftResult } from '../../../src/model/report.js';
import { GUARDRAILS_POLICY, SHOP_FILES } from '../../support/cli-fixtures.js';
import { runDriftback, startScanCluster, writeTestFile, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
const webConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' } };

function resultFor(report: DriftReport, kind: string, name: string): DriftResult {
  const found = report.results.filter((r) => r.object.kind === kind && r.object.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);

/** `kubectl edit` of the first container's image: every other field of the container stays as live has it. */
async function editImage(cluster: ScanCluster, image: string): Promise<void> {
  const live = cluster.server.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
  const spec = live?.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } };
  const containers = spec.template.spec.containers.map((c, i) => (i === 0 ? { ...c, image } : c));
  await cluster.kubectl.mergePatch(web, { spec: { template: { spec: { containers } } } }, 'kubectl-edit');
}

describe('scan --output json on a realistic repository with hand edits', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  let policyFile: string;
  const scan = (...extra: string[]) =>
    runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra]);

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    await cluster.apply(SHOP_FILES);
    policyFile = writeTestFile(cluster.dir, 'guardrails.yaml', GUARDRAILS_POLICY);
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  it('exits 0 with every object InSync right after kubectl apply', async () => {
    const run = await scan();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.summary).toEqual({ objects: 6, inSync: 6, drifted: 0, missing: 0, compliant: 0, violating: 0, errors: 0 });
    expect(report.results.every((r) => r.status === 'InSync' && r.changes.length === 0 && r.verdict === null)).toBe(true);
  });

  describe('after compliant hand edits (scale, label, image, ConfigMap value) and a deleted Service', () => {
    let report: DriftReport;
    let code: number;

    beforeAll(async () => {
      await cluster.kubectl.mergePatch(web, { spec: { replicas: 5 } }, 'kubectl-scale');
      await cluster.kubectl.mergePatch(web, { metadata: { labels: { release: 'spring-sale' } } }, 'kubectl-label');
      await editImage(cluster, 'ghcr.io/acme/web:1.15.0');
      await cluster.kubectl.mergePatch(webConfig, { data: { FEATURE_CHECKOUT_V2: 'true' } }, 'kubectl-edit');
      await cluster.kubectl.delete({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' } });
      const run = await scan();
      expect(run.stderr).toBe('');
      code = run.code;
      report = JSON.parse(run.stdout) as DriftReport;
    });

    it('exits 1 (default --fail-on drift)', () => {
      expect(code).toBe(1);
    });

    it('names the repository, the commit sha and the paths', () => {
      expect(report.apiVersion).toBe('driftback.dev/v1alpha1');
      expect(report.kind).toBe('DriftReport');
      expect(report.source).toEqual({ repo: repo.url, revision: repo.sha, paths: ['clusters/prod'] });
    });

    it('holds every baseline object under the path exactly once, and nothing else', () => {
      const names = report.results.map((r) => `${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name}`).sort();
      expect(names).toEqual([
        'ConfigMap/shop/web-config',
        'Deployment/shop/web',
        'Namespace//shop',
        'Secret/shop/api-credentials',
        'Service/shop/api',
        'Service/shop/web',
      ]);
      expect(report.summary).toEqual({ objects: 6, inSync: 3, drifted: 2, missing: 1, compliant: 0, violating: 0, errors: 0 });
    });

    it('reports each hand edit as one narrow change at its JSON Pointer', () => {
      const deployment = resultFor(report, 'Deployment', 'web');
      expect(deployment.status).toBe('Drifted');
      expect(deployment.object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
      expect(deployment.source).toMatchObject({ path: 'clusters/prod/web/deployment.yaml', document: 0 });
      expect([...deployment.changes].sort(byPath)).toEqual([
        { op: 'add', path: '/metadata/labels/release', live: 'spring-sale' },
        { op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 },
        { op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'ghcr.io/acme/web:1.14.2', live: 'ghcr.io/acme/web:1.15.0' },
      ]);
      const config = resultFor(report, 'ConfigMap', 'web-config');
      expect(config.source).toMatchObject({ path: 'clusters/prod/web/config.yaml', document: 0 });
      expect(config.changes).toEqual([{ op: 'replace', path: '/data/FEATURE_CHECKOUT_V2', baseline: 'false', live: 'true' }]);
    });

    it('writes each result with the keys in the contract order', () => {
      for (const result of report.results) {
        expect(Object.keys(result).slice(0, 7)).toEqual(['object', 'status', 'source', 'changes', 'verdict', 'violations', 'actors']);
        const objectKeys = result.object.kind === 'Namespace' ? ['apiVersion', 'kind', 'name'] : ['apiVersion', 'kind', 'namespace', 'name'];
        expect(Object.keys(result.object)).toEqual(objectKeys);
      }
    });

    it('names the field managers that made the edits as actors', () => {
      const managers = (r: DriftResult) => r.actors.map((a) => a.manager).sort();
      expect(managers(resultFor(report, 'Deployment', 'web'))).toEqual(['kubectl-edit', 'kubectl-label', 'kubectl-scale']);
      expect(managers(resultFor(report, 'ConfigMap', 'web-config'))).toEqual(['kubectl-edit']);
      for (const actor of resultFor(report, 'Deployment', 'web').actors) {
        expect(actor).toEqual({ manager: actor.manager, operation: 'Update', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
      }
    });

    it('reports the deleted Service as Missing, the untouched objects InSync, with empty changes', () => {
      const missing = resultFor(report, 'Service', 'api');
      expect(missing).toMatchObject({ status: 'Missing', changes: [], verdict: null, violations: [] });
      for (const [kind, name] of [['Service', 'web'], ['Namespace', 'shop'], ['Secret', 'api-credentials']] as const) {
        expect(resultFor(report, kind, name)).toMatchObject({ status: 'InSync', changes: [], verdict: null });
      }
    });

    it('leaves verdict null and violations empty without policies', () => {
      for (const result of report.results) {
        expect(result.verdict).toBeNull();
        expect(result.violations).toEqual([]);
      }
    });

    it('with --policy builtin:hardening and a custom file: compliant verdicts, exit 0 under --fail-on violating', async () => {
      const run = await scan('--policy', 'builtin:hardening', '--policy', policyFile, '--fail-on', 'violating');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const judged = JSON.parse(run.stdout) as DriftReport;
      expect(judged.summary).toMatchObject({ drifted: 2, compliant: 2, violating: 0 });
      for (const result of judged.results) {
        expect(result.verdict).toBe(result.status === 'Drifted' ? 'compliant' : null);
        expect(result.violations).toEqual([]);
      }
    });

    it('--fail-on never exits 0 with the same drift', async () => {
      const run = await scan('--fail-on', 'never');
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as DriftReport).summary.drifted).toBe(2);
    });
  });

  describe('after violating hand edits (replicas out of bounds, an unpinned image)', () => {
    let run: Awaited<ReturnType<typeof scan>>;
    let report: DriftReport;

    beforeAll(async () => {
      await cluster.kubectl.mergePatch(web, { spec: { replicas: 20 } }, 'kubectl-scale');
      await editImage(cluster, 'ghcr.io/acme/web:latest');
      run = await scan('--policy', 'builtin:hardening', '--policy', policyFile, '--fail-on', 'violating');
      report = JSON.parse(run.stdout) as DriftReport;
    });

    it('marks the Deployment violating with one violation per failed rule, and exits 1 under --fail-on violating', () => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const deployment = resultFor(report, 'Deployment', 'web');
      expect(deployment.verdict).toBe('violating');
      expect(deployment.violations).toContainEqual({
        policy: 'shop-guardrails',
        rule: 'replicas-within-bounds',
        message: 'replicas must stay between 2 and 10',
        severity: 'medium',
      });
      expect(deployment.violations).toContainEqual(
        expect.objectContaining({ policy: 'hardening', rule: 'unpinned-images', message: expect.stringContaining('latest'), severity: 'medium' }),
      );
      expect(deployment.violations).toHaveLength(2);
      expect(resultFor(report, 'ConfigMap', 'web-config').verdict).toBe('compliant');
      expect(report.summary).toMatchObject({ drifted: 2, compliant: 1, violating: 1 });
    });
  });

  it('writes the object of a manifest without a namespace (defaulted from the context) with the keys in the contract order', async () => {
    const unnamespaced = createGitRepo({
      'config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: defaulted\ndata:\n  A: "1"\n',
    });
    try {
      const run = await runDriftback(['scan', '--repo', unnamespaced.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json']);
      expect(run.stderr).toBe('');
      const [result] = (JSON.parse(run.stdout) as DriftReport).results;
      expect(result?.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'defaulted' });
      expect(Object.keys(result!.object)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
    } finally {
      unnamespaced.cleanup();
    }
  });
});
