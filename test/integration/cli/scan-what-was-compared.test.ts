import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DriftReport } from '../../../src/model/report.js';
import { expectOneErrorLine } from '../../support/cli-expect.js';
import { linesOf, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { gitRepoPool, type GitRepo } from '../../support/git-repo.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: ${name}\n`;

describe('scan: the report says what was and was not compared', () => {
  let cluster: ScanCluster;
  const repos = gitRepoPool();
  const makeRepo = repos.make;
  const scan = async (repo: GitRepo, ...extra: string[]) => {
    const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { cwd: cluster.dir });
    return { ...run, report: JSON.parse(run.stdout) as DriftReport };
  };

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', a: configMap('a') });
  });

  afterAll(async () => {
    await cluster.close();
    repos.cleanup();
  });

  describe('a scan that compared nothing exits 2 with one line saying what it found', () => {
    it('a folder with no manifests', async () => {
      const repo = makeRepo({ 'a.yaml': configMap('a'), 'docs/README.md': '# docs\n', 'docs/tool.go': 'package main\n' });
      const run = await scan(repo, '--path', 'docs', '--fail-on', 'never');
      expect(expectOneErrorLine(run, /^driftback: error: /)).toBe('driftback: error: nothing was compared in docs: 2 files there, none of them .yaml, .yml or .json');
      expect(run.report.summary).toMatchObject({ objects: 0, errors: 0 });
      expect(run.report.results).toEqual([]);
    });

    it('an overlay of only kustomization.yaml and patches', async () => {
      const repo = makeRepo({
        'base/a.yaml': configMap('a'),
        'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n- path: replicas.yaml\n  target: {kind: ConfigMap}\n',
        'overlays/prod/replicas.yaml': '- op: replace\n  path: /data/key\n  value: prod\n',
        'overlays/prod/labels.yaml': '- op: add\n  path: /metadata/labels/env\n  value: prod\n',
      });
      const run = await scan(repo, '--path', 'overlays/prod');
      expect(expectOneErrorLine(run, /^driftback: error: /)).toBe(
        'driftback: error: nothing was compared in overlays/prod: 1 manifest file there, none of it compared: ' +
          'overlays/prod (cannot render: overlays/prod/kustomization.yaml: resources entry "../../base" is outside overlays/prod ' +
          "(the load restrictor allows only files in or below a kustomization's directory))",
      );
      expect(run.report.summary.objects).toBe(0);
      expect(run.report.problems.map((p) => p.file)).toEqual(['overlays/prod']);
    });

    it('manifest files that could not be read', async () => {
      const repo = makeRepo({ 'broken/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n' });
      const run = await scan(repo, '--path', 'broken');
      expect(expectOneErrorLine(run, /^driftback: error: /)).toMatch(/^driftback: error: nothing was compared in broken: 1 manifest file there, none of it compared: broken\/a\.yaml#0 \(.+\)$/);
      expect(run.report.summary).toMatchObject({ objects: 0, errors: 1 });
    });

    it('the table says so too, and a scan with objects is unaffected', async () => {
      const repo = makeRepo({ 'a.yaml': configMap('a'), 'docs/README.md': '# docs\n' });
      const table = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, '--path', 'docs']);
      expect(table.code).toBe(2);
      expect(table.stdout).toContain('0 objects: 0 in sync');
      const whole = await scan(repo);
      expect(whole.code).toBe(0);
      expect(whole.stderr).toBe('');
    });
  });

  it('a document with generateName and no name is skipped: the server names it, so it cannot be compared', async () => {
    const hook = `apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
  namespace: shop
  annotations:
    argocd.argoproj.io/hook: PreSync
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:1
`;
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'hooks/migrate.yaml': hook });
    const run = await scan(repo);
    expect(run.code).toBe(0);
    const lines = linesOf(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^driftback: warning: hooks\/migrate\.yaml#0 \(line 1\): skipped: cannot be compared: .*generateName \('migrate-'\).*API server names/);
    expect(run.report.skipped).toEqual([{ file: 'hooks/migrate.yaml', document: 0, line: 1, reason: expect.stringMatching(/^cannot be compared: .*generateName/) }]);
    expect(run.report.results.map((r) => r.object.name)).toEqual(['a']);
  });

  it('a custom resource whose CRD is in Git but not installed yet is Missing, saying so; not an Error', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gizmo\nspec:\n  size: 3\n';
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'crds/widget.yaml': crd, 'widgets/gizmo.yaml': widget });
    const run = await scan(repo);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const gizmo = run.report.results.find((r) => r.object.name === 'gizmo');
    expect(gizmo).toEqual({
      object: { apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'shop', name: 'gizmo' },
      status: 'Missing',
      source: { path: 'widgets/gizmo.yaml', document: 0, line: 1 },
      changes: [],
      verdict: null,
      violations: [],
      actors: [],
      reason: 'its CustomResourceDefinition widgets.example.com is in Git (crds/widget.yaml#0 (line 1)) but not installed in the cluster yet',
    });
    expect(run.report.summary).toMatchObject({ objects: 3, inSync: 1, missing: 2, errors: 0 });

    const table = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig]);
    expect(table.stdout).toMatch(/Widget shop\/gizmo \(widgets\/gizmo\.yaml#0\)\n {2}missing: its CustomResourceDefinition widgets\.example\.com is in Git/);
  });

  it('Helm charts and template files are recognised and skipped with why, not reported as YAML errors', async () => {
    const template = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
{{- end }}
`;
    const repo = makeRepo({
      'a.yaml': configMap('a'),
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/values.yaml': 'replicaCount: 2\nenabled: true\n',
      'charts/web/templates/deployment.yaml': template,
      'legacy/templates/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-config"\ndata:\n  key: value\n',
    });
    const run = await scan(repo);
    expect(run.code).toBe(0);
    expect(linesOf(run.stderr)).toEqual([
      'driftback: warning: charts/web: skipped: a Helm chart (Chart.yaml): its templates are not manifests until rendered, so render it (helm template) and scan the output',
      "driftback: warning: legacy/templates/config.yaml: skipped: a Go template ('{{' at line 4), not a manifest: driftback compares rendered manifests, so render it (helm template) and scan the output",
    ]);
    expect(run.report.skipped.map((s) => s.file)).toEqual(['charts/web', 'legacy/templates/config.yaml']);
    expect(run.report.problems).toEqual([]);
    expect(run.report.results.map((r) => r.object.name)).toEqual(['a']);

    const chartOnly = await scan(repo, '--path', 'charts/web');
    expect(expectOneErrorLine(chartOnly, /^driftback: error: /)).toMatch(/^driftback: error: nothing was compared in charts\/web: found only charts\/web \(skipped: a Helm chart \(Chart\.yaml\)/);
  });
});
