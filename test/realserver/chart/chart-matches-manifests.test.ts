/**
 * The Helm chart renders what manifests/ holds: with default values, object by object, only
 * Helm's own labels differ (and the Namespace, which Helm leaves to the installer); each value
 * changes exactly the fields named here, and nothing else.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jsonpatch from 'fast-json-patch';
import { parse } from 'yaml';
import { RUN_OPTIONS } from '../../../src/cli/commands/run.js';
import { SCAN_OPTIONS } from '../../../src/cli/commands/scan.js';
import type { KubeObject } from '../../../src/model/kube-object.js';
import { keyOf, objectsOf, renderChart } from '../../support/helm.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const HELM_LABELS = ['app.kubernetes.io~1instance', 'app.kubernetes.io~1version', 'app.kubernetes.io~1managed-by', 'helm.sh~1chart'].map((label) => `/metadata/labels/${label}`);
const INSTANCE = 'app.kubernetes.io~1instance';
const CONTAINER = '/spec/template/spec/containers/0';

/** Per object: `added`, `removed`, or the subtrees (JSON Pointers) in which it differs. */
type Differences = Record<string, 'added' | 'removed' | string[]>;

function kustomize(dir: string): KubeObject[] {
  const run = spawnSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${run.stderr}`);
  return objectsOf(run.stdout);
}

/** Where each object of `after` differs from `before`, as subtrees taken from `expected` (or the raw pointer when none covers it). */
function differences(before: KubeObject[], after: KubeObject[], expected: Differences): Differences {
  const found: Differences = {};
  const was = new Map(before.map((o) => [keyOf(o), o]));
  const is = new Map(after.map((o) => [keyOf(o), o]));
  for (const [key, object] of is) {
    const old = was.get(key);
    if (!old) {
      found[key] = 'added';
      continue;
    }
    const wanted = Array.isArray(expected[key]) ? expected[key] : [];
    const paths = jsonpatch.compare(old, object).map((op) => wanted.find((w) => op.path === w || op.path.startsWith(`${w}/`)) ?? op.path);
    if (paths.length > 0) found[key] = [...new Set(paths)].sort();
  }
  for (const key of was.keys()) if (!is.has(key)) found[key] = 'removed';
  return found;
}

/** The --flags of a command line, each one the command accepts. */
function expectAcceptedFlags(args: string[], options: object): void {
  const accepted = Object.keys(options).map((name) => `--${name}`);
  for (const flag of args.filter((a) => a.startsWith('--'))) expect([flag, accepted.includes(flag)]).toEqual([flag, true]);
}

const sorted = (expected: Differences): Differences => Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));

describe('the Helm chart against manifests/', () => {
  let defaults: KubeObject[];
  beforeAll(() => {
    defaults = renderChart();
  });

  it('renders every object of kubectl kustomize manifests/ with only Helm labels added, and leaves the Namespace to helm --create-namespace', () => {
    const operatorObjects = ['ServiceAccount/driftback-system/driftback', 'ClusterRole//driftback-operator', 'ClusterRole//driftback-reader', 'ClusterRoleBinding//driftback-operator',
      'ClusterRoleBinding//driftback-reader', 'Role/driftback-system/driftback', 'RoleBinding/driftback-system/driftback'];
    const expected: Differences = {
      'Namespace//driftback-system': 'removed',
      ...Object.fromEntries(operatorObjects.map((key) => [key, HELM_LABELS])),
      'Deployment/driftback-system/driftback': [...HELM_LABELS, `/spec/selector/matchLabels/${INSTANCE}`, `/spec/template/metadata/labels/${INSTANCE}`],
      'Service/driftback-system/driftback-metrics': [...HELM_LABELS, `/spec/selector/${INSTANCE}`],
    };
    expect(differences(kustomize('manifests'), defaults, expected)).toEqual(sorted(expected));
  });

  it('renders the scheduled scan as manifests/cronjob-scan does, given the same repository, paths and policy', () => {
    const withScan = renderChart({ values: { scan: { enabled: true, repo: 'https://github.com/acme/infra.git', revision: 'main', paths: ['clusters/prod'], policies: ['builtin:hardening'] } } });
    const scanObjects = withScan.filter((o) => keyOf(o).includes('scan') || keyOf(o) === 'ClusterRole//driftback-reader');
    const expected: Differences = {
      'Namespace//driftback-system': 'removed',
      'ClusterRole//driftback-reader': HELM_LABELS,
      'ServiceAccount/driftback-system/driftback-scan': HELM_LABELS,
      'ClusterRoleBinding//driftback-scan-reader': HELM_LABELS,
      'CronJob/driftback-system/driftback-scan': [...HELM_LABELS, `/spec/jobTemplate/spec/template/metadata/labels/${INSTANCE}`],
    };
    expect(differences(kustomize('manifests/cronjob-scan'), scanObjects, expected)).toEqual(sorted(expected));
  });

  const operatorArgs = (objects: KubeObject[]) => (objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } }).spec.template.spec.containers[0]!.args;
  const DEFAULT_ARGS = ['run', '--metrics-port', '8080', '--health-port', '8081', '--log-level', 'info'];
  const DEPLOYMENT = 'Deployment/driftback-system/driftback';
  const ROLE = 'Role/driftback-system/driftback';
  const scan = { enabled: true, repo: 'https://github.com/acme/infra.git' };
  const podSpec = '/spec/template/spec';

  it.each<[string, Record<string, unknown>, Differences]>([
    ['image', { image: { repository: 'registry.acme.io/driftback', tag: '0.2.0', pullPolicy: 'Always' } }, { [DEPLOYMENT]: [`${CONTAINER}/image`, `${CONTAINER}/imagePullPolicy`] }],
    ['imagePullSecrets', { imagePullSecrets: [{ name: 'registry' }] }, { [DEPLOYMENT]: [`${podSpec}/imagePullSecrets`] }],
    ['operator.replicas', { operator: { replicas: 3 } }, { [DEPLOYMENT]: ['/spec/replicas'] }],
    ['operator.logLevel', { operator: { logLevel: 'debug' } }, { [DEPLOYMENT]: [`${CONTAINER}/args`] }],
    ['operator.resources', { operator: { resources: { requests: { cpu: '50m', memory: '128Mi' } } } }, { [DEPLOYMENT]: [`${CONTAINER}/resources`] }],
    ['trustedManagers', { trustedManagers: ['cert-manager-cainjector'] }, { [DEPLOYMENT]: [`${CONTAINER}/args`] }],
    ['operator.allowedGitHubRepositories', { operator: { allowedGitHubRepositories: ['acme/*'] } }, { [DEPLOYMENT]: [`${CONTAINER}/args`] }],
    ['operator.extraArgs', { operator: { extraArgs: ['--git-timeout', '10m'] } }, { [DEPLOYMENT]: [`${CONTAINER}/args`] }],
    [
      'operator placement',
      { operator: { podAnnotations: { 'acme.io/team': 'sre' }, nodeSelector: { pool: 'system' }, tolerations: [{ key: 'system', operator: 'Exists' }], affinity: { nodeAffinity: {} } } },
      { [DEPLOYMENT]: ['/spec/template/metadata/annotations', `${podSpec}/nodeSelector`, `${podSpec}/tolerations`, `${podSpec}/affinity`] },
    ],
    ['github.existingSecret', { github: { existingSecret: 'github-app' } }, { [ROLE]: ['/rules/1/resourceNames'] }],
    ['git.existingSecret', { git: { existingSecret: 'git-auth' } }, { [ROLE]: ['/rules/1/resourceNames'] }],
    ['rbac.readerRules', { rbac: { readerRules: [{ apiGroups: ['apps'], resources: ['deployments'] }] } }, { 'ClusterRole//driftback-reader': ['/rules'] }],
    ['metrics.serviceMonitor', { metrics: { serviceMonitor: { enabled: true } } }, { 'ServiceMonitor/driftback-system/driftback': 'added' }],
    ['metrics.prometheusRule', { metrics: { prometheusRule: { enabled: true } } }, { 'PrometheusRule/driftback-system/driftback': 'added' }],
    ['grafana.dashboard', { grafana: { dashboard: { enabled: true } } }, { 'ConfigMap/driftback-system/driftback-dashboard': 'added' }],
    [
      'scan',
      { scan },
      { 'ServiceAccount/driftback-system/driftback-scan': 'added', 'ClusterRoleBinding//driftback-scan-reader': 'added', 'CronJob/driftback-system/driftback-scan': 'added' },
    ],
    [
      'operator.enabled false',
      { operator: { enabled: false } },
      Object.fromEntries(
        [DEPLOYMENT, ROLE, 'Service/driftback-system/driftback-metrics', 'ServiceAccount/driftback-system/driftback', 'ClusterRole//driftback-operator', 'ClusterRoleBinding//driftback-operator',
          'ClusterRoleBinding//driftback-reader', 'RoleBinding/driftback-system/driftback'].map((key) => [key, 'removed']),
      ),
    ],
  ])('%s changes only what it names', (_name, values, expected) => {
    expect(differences(defaults, renderChart({ values }), expected)).toEqual(sorted(expected));
  });

  it('passes the operator flags in that order after the defaults', () => {
    expect(operatorArgs(defaults)).toEqual(DEFAULT_ARGS);
    const values = { operator: { logLevel: 'debug', allowedGitHubRepositories: ['acme/*'], extraArgs: ['--git-timeout', '10m'] }, trustedManagers: ['cert-manager-cainjector', 'keda'] };
    const args = operatorArgs(renderChart({ values }));
    expectAcceptedFlags(args, RUN_OPTIONS);
    expect(args).toEqual([
      ...DEFAULT_ARGS.slice(0, -1), 'debug',
      '--trusted-manager', 'cert-manager-cainjector', '--trusted-manager', 'keda',
      '--allowed-github-repository', 'acme/*',
      '--git-timeout', '10m',
    ]);
  });

  it('lets the operator read only the Secrets the values name, when they name any', () => {
    const role = renderChart({ values: { github: { existingSecret: 'github-app' }, git: { existingSecret: 'git-auth' } } }).find((o) => keyOf(o) === ROLE) as unknown as { rules: unknown[] };
    expect(role.rules[1]).toEqual({ apiGroups: [''], resources: ['secrets'], resourceNames: ['github-app', 'git-auth'], verbs: ['get'] });
  });

  it('grants only get, list and watch on the reader kinds, whatever the values list', () => {
    const values = { rbac: { readerRules: [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['*'] }] } };
    const reader = renderChart({ values }).find((o) => keyOf(o) === 'ClusterRole//driftback-reader') as unknown as { rules: unknown[] };
    expect(reader.rules).toEqual([{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get', 'list', 'watch'] }]);
  });

  it('ships monitoring/ as it is: the alert rules as the PrometheusRule spec, the dashboard in the ConfigMap', () => {
    const values = { metrics: { prometheusRule: { enabled: true, labels: { release: 'kube-prometheus-stack' } } }, grafana: { dashboard: { enabled: true } } };
    const objects = renderChart({ values });
    const rule = objects.find((o) => o.kind === 'PrometheusRule')!;
    expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
    expect(rule['spec']).toEqual(parse(readFileSync(join(ROOT, 'monitoring/prometheus-rules.yaml'), 'utf8')));
    const dashboard = objects.find((o) => o.kind === 'ConfigMap')!;
    expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(JSON.parse((dashboard['data'] as Record<string, string>)['driftback.json']!)).toEqual(JSON.parse(readFileSync(join(ROOT, 'monitoring/grafana-dashboard.json'), 'utf8')));
  });

  it('scrapes the metrics Service with the ServiceMonitor', () => {
    const objects = renderChart({ values: { metrics: { serviceMonitor: { enabled: true, interval: '15s' } } } });
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor') as unknown as { spec: { selector: { matchLabels: object }; endpoints: object[] } };
    const service = objects.find((o) => o.kind === 'Service')!;
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
  });

  it('builds the scan command line from the values, with flags scan accepts', () => {
    const values = {
      scan: { ...scan, revision: 'v1.2.0', paths: ['clusters/prod', 'clusters/shared'], policies: ['builtin:hardening'], failOn: 'violating', pushgateway: 'http://pushgateway.monitoring:9091', extraArgs: ['--ignore', '/spec/replicas'] },
      trustedManagers: ['keda'],
    };
    const cronJob = renderChart({ values }).find((o) => o.kind === 'CronJob') as unknown as { spec: { jobTemplate: { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } } } };
    const args = cronJob.spec.jobTemplate.spec.template.spec.containers[0]!.args;
    expectAcceptedFlags(args, SCAN_OPTIONS);
    expect(args).toEqual([
      'scan', '--repo', 'https://github.com/acme/infra.git', '--revision', 'v1.2.0', '--path', 'clusters/prod', '--path', 'clusters/shared', '--policy', 'builtin:hardening',
      '--output', 'json', '--fail-on', 'violating', '--scan-name', 'driftback-scan', '--trusted-manager', 'keda',
      '--pushgateway', 'http://pushgateway.monitoring:9091', '--ignore', '/spec/replicas',
    ]);
  });
});
