/**
 * Tier 3: a public GitOps repository we did not write (podinfo's deploy/, test/fixtures/public),
 * applied to a real kube-apiserver with the real kubectl as its README says, scans with zero drift;
 * then one hand edit is the one drift reported. The Kustomize overlay brings four bases, a
 * LabelTransformer, configMapGenerators from files, HPAs, CronJobs and a StatefulSet; deploy/secure
 * is plain YAML.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DriftReport } from '../../src/model/report.js';
import { runDriftback } from '../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';
import { kubectlOk } from '../support/real-server-steps.js';

const PODINFO = join(import.meta.dirname, '../fixtures/public/podinfo');

function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(PODINFO, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

const notInSync = (report: DriftReport) =>
  report.results.filter((r) => r.status !== 'InSync').map((r) => ({ object: `${r.object.kind}/${r.object.name}`, status: r.status, changes: r.changes, error: r.error }));

describe('podinfo deploy/ applied with kubectl to a real kube-apiserver', () => {
  let server: RealApiServer;
  let repo: GitRepo;

  const kubectl = (...args: string[]) => kubectlOk(server, args);
  const scan = async (...args: string[]): Promise<DriftReport> => {
    const env = { PATH: process.env.PATH, HOME: server.dir };
    const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', server.kubeconfig, '--output', 'json', '--fail-on', 'never', ...args], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as DriftReport;
  };

  beforeAll(async () => {
    server = await startRealApiServer();
    repo = createGitRepo(filesUnder(join(PODINFO, 'deploy')));
    await kubectl('apply', '-k', join(PODINFO, 'deploy/overlays/production'));
    // cert-manager's kinds are not installed here: their two files are left out, as a cluster without cert-manager would.
    await kubectl('apply', '-f', join(PODINFO, 'deploy/secure/common/namespace.yaml'));
    for (const file of ['common/service-account.yaml', 'common/reconciler-rbac.yaml', 'backend', 'frontend/deployment.yaml', 'frontend/hpa.yaml', 'frontend/service.yaml']) {
      await kubectl('apply', '-f', join(PODINFO, 'deploy/secure', file));
    }
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await server?.close();
    repo?.cleanup();
  });

  it('the production overlay scans every object InSync', async () => {
    const report = await scan('--path', 'deploy/overlays/production');
    expect(notInSync(report)).toEqual([]);
    expect(report.summary.objects).toBe(25);
  });

  it('deploy/secure, plain YAML, scans every object InSync', async () => {
    const report = await scan('--path', 'deploy/secure', '--exclude', '**/certificate.yaml', '--exclude', '**/cluster-issuer.yaml');
    expect(notInSync(report)).toEqual([]);
    expect(report.summary.objects).toBe(11);
  });

  it('a hand edit in the overlay is the one drift, at its path', async () => {
    await kubectl('set', 'image', '-n', 'production', 'deployment/frontend', 'frontend=ghcr.io/stefanprodan/podinfo:9.9.9');
    await kubectl('label', '-n', 'production', 'configmap/backup-script', 'owner=oncall');
    const report = await scan('--path', 'deploy/overlays/production');
    const drifted = Object.fromEntries(notInSync(report).map((r) => [r.object, r.changes.map((c) => `${c.op} ${c.path} ${JSON.stringify(c.live)}`)]));
    expect(drifted).toEqual({
      'Deployment/frontend': ['replace /spec/template/spec/containers/0/image "ghcr.io/stefanprodan/podinfo:9.9.9"'],
      'ConfigMap/backup-script': ['add /metadata/labels/owner "oncall"'],
    });
  });
});
