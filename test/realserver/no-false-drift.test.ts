/**
 * Tier 3, suite 2: the platform corpus applied to a real kube-apiserver with the real kubectl, the
 * three ways people apply (client-side apply, server-side apply, create), scans with zero drift;
 * then the hand edits people make with kubectl are reported exactly: paths and actors.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from '../../src/model/report.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';
import { kubectlOk, resultFor as result, scanReport, writeTree } from '../support/real-server-steps.js';
import { CRD_FILE, PLATFORM_FILES } from './platform-corpus.js';

interface ApplyWay {
  name: string;
  args: string[];
  /** The field manager the way writes as, when the built-in Git managers do not know it. */
  gitManager?: string;
}

const WAYS: readonly ApplyWay[] = [
  { name: 'client-side apply', args: ['apply'] },
  { name: 'server-side apply', args: ['apply', '--server-side'], gitManager: 'kubectl' },
  { name: 'create', args: ['create'], gitManager: 'kubectl-create' },
];

const notInSync = (report: DriftReport) =>
  report.results.filter((r) => r.status !== 'InSync').map((r) => ({ object: `${r.object.kind}/${r.object.name}`, status: r.status, changes: r.changes, error: r.error }));

describe.each(WAYS)('a platform repository applied by $name to a real kube-apiserver', (way) => {
  let server: RealApiServer;
  let repo: GitRepo;
  let tree: string;

  const kubectl = (...args: string[]) => kubectlOk(server, args);
  const scan = (): Promise<DriftReport> => scanReport(repo, server, way.gitManager ? ['--git-manager', way.gitManager] : []);

  beforeAll(async () => {
    server = await startRealApiServer();
    repo = createGitRepo(PLATFORM_FILES);
    tree = writeTree(PLATFORM_FILES);
    // The CRD first, as people do: its objects can be applied only once it is established.
    await kubectl(...way.args, '-f', join(tree, CRD_FILE));
    await kubectl('wait', '--for=condition=Established', 'crd/widgets.platform.example.com', '--timeout=60s');
    const rest = Object.keys(PLATFORM_FILES).filter((file) => file !== CRD_FILE);
    await kubectl(...way.args, ...rest.flatMap((file) => ['-f', join(tree, file)]));
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await server?.close();
    repo?.cleanup();
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('scans every object InSync', async () => {
    const report = await scan();
    expect(notInSync(report)).toEqual([]);
    expect(report.summary.objects).toBe(29);
  });

  it('reports exactly the hand edits made with kubectl, with their paths and actors', async () => {
    await kubectl('scale', '-n', 'shop', 'deployment/web', '--replicas=5');
    await kubectl('label', '-n', 'shop', 'configmap/api-config', 'owner=oncall');
    await kubectl('annotate', '-n', 'shop', 'service/web', 'incident=INC-4211');
    await kubectl('set', 'image', '-n', 'shop', 'deployment/api', 'api=ghcr.io/acme/api:2.4.0-hotfix');
    await kubectl('set', 'env', '-n', 'shop', 'deployment/api', 'LOG_LEVEL=debug');
    await kubectl('patch', '-n', 'shop', 'statefulset/db', '--type=strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"postgres","resources":{"limits":{"memory":"2Gi"}}}]}}}}');
    await kubectl('patch', '-n', 'shop', 'widget/checkout', '--type=merge', '-p', '{"spec":{"tier":"premium"}}');

    const report = await scan();
    const drifted = report.results.filter((r) => r.status !== 'InSync');
    const changes = Object.fromEntries(drifted.map((r) => [`${r.object.kind}/${r.object.name}`, r.changes.map((c) => `${c.op} ${c.path} ${JSON.stringify(c.live)}`)]));
    expect(changes).toEqual({
      'Deployment/web': ['replace /spec/replicas 5'],
      'ConfigMap/api-config': ['add /metadata/labels/owner "oncall"'],
      'Service/web': ['add /metadata/annotations/incident "INC-4211"'],
      'Deployment/api': [
        'replace /spec/template/spec/containers/0/image "ghcr.io/acme/api:2.4.0-hotfix"',
        'replace /spec/template/spec/containers/0/env/0/value "debug"',
      ],
      'StatefulSet/db': ['add /spec/template/spec/containers/0/resources/limits/memory "2Gi"'],
      // Git leaves tier to the CRD's schema default; a person set it.
      'Widget/checkout': ['add /spec/tier "premium"'],
    });
    const managers = (kind: string, name: string) => result(report, kind, name).actors.map((a) => a.manager).sort();
    expect(managers('Deployment', 'web')).toEqual(['kubectl']);
    expect(managers('ConfigMap', 'api-config')).toEqual(['kubectl-label']);
    expect(managers('Service', 'web')).toEqual(['kubectl-annotate']);
    expect(managers('Deployment', 'api')).toEqual(['kubectl-set']);
    expect(managers('StatefulSet', 'db')).toEqual(['kubectl-patch']);
    expect(managers('Widget', 'checkout')).toEqual(['kubectl-patch']);
  });

  it('reports kubectl rollout restart of the pod template as a restart, not as drift', async () => {
    await kubectl('rollout', 'restart', '-n', 'shop', 'daemonset/log-agent');
    const report = await scan();
    const restarted = result(report, 'DaemonSet', 'log-agent');
    expect(restarted.changes).toEqual([]);
    expect(restarted.restart).toMatchObject({ manager: 'kubectl-rollout' });
  });
});
