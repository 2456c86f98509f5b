/** helm lint and helm template on the chart: clean with every option, and bad values refused with a reason. */
import { describe, expect, it } from '@jest/globals';
import { CHART, helm, helmTemplate, renderChart } from '../../support/helm.js';

const EVERYTHING = {
  image: { tag: '0.2.0', pullPolicy: 'IfNotPresent' },
  trustedManagers: ['keda'],
  github: { existingSecret: 'github-app' },
  git: { existingSecret: 'git-auth' },
  operator: { allowedGitHubRepositories: ['acme/*'], logLevel: 'debug' },
  metrics: { serviceMonitor: { enabled: true, labels: { release: 'prometheus' } }, prometheusRule: { enabled: true } },
  grafana: { dashboard: { enabled: true } },
  scan: { enabled: true, repo: 'https://github.com/acme/infra.git', paths: ['clusters/prod'], pushgateway: 'http://pushgateway.monitoring:9091' },
};

describe('helm lint and helm template', () => {
  it.each([
    ['the default values', {}],
    ['every option turned on', EVERYTHING],
  ])('lint --strict passes with %s', (_name, values) => {
    const run = helm(['lint', '--strict', CHART], values);
    expect(run.stderr.trim()).toBe('');
    expect(run.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(run.code).toBe(0);
  });

  it('renders the CRDs from crds/ with --include-crds and every object into the release namespace', () => {
    const objects = renderChart({ values: EVERYTHING, namespace: 'platform' });
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name).sort()).toEqual(['driftpolicies.driftback.dev', 'driftwatches.driftback.dev']);
    const namespaced = objects.filter((o) => !['CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind));
    expect(namespaced.every((o) => o.metadata.namespace === 'platform')).toBe(true);
  });

  it('names everything after a release that is not called driftback', () => {
    const names = renderChart({ release: 'prod', values: EVERYTHING }).filter((o) => o.kind !== 'CustomResourceDefinition').map((o) => o.metadata.name);
    expect(names.every((name) => name.startsWith('prod-driftback'))).toBe(true);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a scan without a repository', { scan: { enabled: true } }, /scan\.repo is required/],
    ['an unknown --fail-on', { scan: { enabled: true, repo: 'https://x.test/r.git', failOn: 'sometimes' } }, /scan\/failOn/],
    ['a misspelt value', { operator: { replica: 3 } }, /additional properties 'replica' not allowed/],
    ['an unknown log level', { operator: { logLevel: 'verbose' } }, /operator\/logLevel/],
    ['a pushgateway that is not a URL', { scan: { enabled: true, repo: 'https://x.test/r.git', pushgateway: 'pushgateway:9091' } }, /scan\/pushgateway/],
  ])('refuses %s, saying why', (_name, values, reason) => {
    const run = helmTemplate({ values });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(reason);
  });
});
