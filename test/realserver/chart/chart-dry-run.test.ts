/**
 * The rendered chart and manifests/cronjob-scan on a real kube-apiserver: accepted by a
 * server-side dry run with strict field validation and no Pod Security warning in a namespace
 * that enforces the restricted profile; once applied, the real RBAC authorizer grants the
 * operator and the scan exactly what they need.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { renderChart } from '../../support/helm.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../../support/real-api-server.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const NAMESPACE = 'driftback-system';

/** Every option whose objects a cluster without prometheus-operator serves (no ServiceMonitor, no PrometheusRule). */
const VALUES = {
  trustedManagers: ['keda'],
  github: { existingSecret: 'github-app' },
  operator: { allowedGitHubRepositories: ['acme/*'] },
  grafana: { dashboard: { enabled: true } },
  scan: { enabled: true, repo: 'https://github.com/acme/infra.git', paths: ['clusters/prod'], policies: ['builtin:hardening'], pushgateway: 'http://pushgateway.monitoring:9091' },
};

describe('the chart on a real kube-apiserver', () => {
  let server: RealApiServer;
  const chart = () => renderChart({ values: VALUES }).map((object) => stringify(object)).join('---\n');
  const admin = async (args: string[], input?: string) => {
    const run = await server.kubectl(args, input);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr}`);
    return run;
  };

  beforeAll(async () => {
    server = await startRealApiServer();
    // Helm leaves the namespace to the installer; README labels it for the restricted Pod Security profile.
    await admin(['create', 'namespace', NAMESPACE]);
    await admin(['label', 'namespace', NAMESPACE, 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/warn=restricted']);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await server?.close();
  });

  it('accepts the rendered chart in a server-side dry run: every field known, no Pod Security warning', async () => {
    const run = await server.kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=helm', '-f', '-'], chart());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cronjob\.batch\/driftback-scan serverside-applied \(server dry run\)/);
    expect(run.stdout).toMatch(/deployment\.apps\/driftback serverside-applied \(server dry run\)/);
  });

  it('accepts manifests/cronjob-scan in a server-side dry run', async () => {
    const rendered = spawnSync('kubectl', ['kustomize', join(ROOT, 'manifests/cronjob-scan')], { encoding: 'utf8', timeout: 60_000 });
    const run = await server.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], rendered.stdout);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cronjob.batch/driftback-scan serverside-applied (server dry run)');
  });

  describe('applied', () => {
    beforeAll(async () => {
      await admin(['apply', '--server-side', '--field-manager=helm', '-f', '-'], chart());
    }, 60_000);

    const canI = async (serviceAccount: string, ...args: string[]) =>
      (await server.kubectl(['auth', 'can-i', `--as=system:serviceaccount:${NAMESPACE}:${serviceAccount}`, ...args])).stdout.trim();

    it('lets the operator read the kinds of the reader role, and only the Secret github.existingSecret names', async () => {
      expect(await canI('driftback', 'watch', 'deployments.apps', '--all-namespaces')).toBe('yes');
      expect(await canI('driftback', 'patch', 'driftwatches.driftback.dev', '--subresource=status', '-n', 'shop')).toBe('yes');
      expect(await canI('driftback', 'update', 'leases.coordination.k8s.io', '-n', NAMESPACE)).toBe('yes');
      expect(await canI('driftback', 'get', 'secrets/github-app', '-n', NAMESPACE)).toBe('yes');
      expect(await canI('driftback', 'get', 'secrets/other', '-n', NAMESPACE)).toBe('no');
      expect(await canI('driftback', 'patch', 'deployments.apps', '-n', 'shop')).toBe('no');
    });

    it('lets the scan read and nothing else: no Secrets, no Leases, no writes', async () => {
      expect(await canI('driftback-scan', 'list', 'deployments.apps', '--all-namespaces')).toBe('yes');
      expect(await canI('driftback-scan', 'list', 'clusterroles.rbac.authorization.k8s.io')).toBe('yes');
      expect(await canI('driftback-scan', 'get', 'secrets', '-n', NAMESPACE)).toBe('no');
      expect(await canI('driftback-scan', 'update', 'leases.coordination.k8s.io', '-n', NAMESPACE)).toBe('no');
      expect(await canI('driftback-scan', 'patch', 'deployments.apps', '-n', 'shop')).toBe('no');
      expect(await canI('driftback-scan', 'list', 'driftwatches.driftback.dev', '--all-namespaces')).toBe('no');
    });
  });
});
