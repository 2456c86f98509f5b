import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DriftReport } from '../../../src/model/report.js';
import { writeKubeconfig } from '../../../src/standin/index.js';
import { GUARDRAILS_POLICY, SHOP_FILES } from '../../support/cli-fixtures.js';
import { linesOf, runDriftback, startScanCluster, writeTestFile, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
const EXTRA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  mode: fast\n';

interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; name: string; shortDescription: { text: string }; help: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
  }>;
}

describe('scan outputs and selection', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  let policyFile: string;
  let second: string;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    repo.tag('v1');
    second = repo.commit({ 'clusters/prod/extra.yaml': EXTRA }, 'add a ConfigMap without a namespace');
    await cluster.apply({ ...SHOP_FILES, extra: EXTRA.replace('name: extra', 'name: extra\n  namespace: shop') });
    policyFile = writeTestFile(cluster.dir, 'guardrails.yaml', GUARDRAILS_POLICY);
    await cluster.kubectl.mergePatch(web, { spec: { replicas: 20 } }, 'kubectl-scale');
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  const scan = (...extra: string[]) => runDriftback(['scan', '--repo', repo.url, '--kubeconfig', cluster.kubeconfig, ...extra]);
  const scanJson = async (...extra: string[]) => {
    const run = await scan('--output', 'json', ...extra);
    return { ...run, report: JSON.parse(run.stdout) as DriftReport };
  };

  it('table (the default): a header, one line per object, then the changes of the drifted one, then the summary', async () => {
    const run = await scan('--path', 'clusters/prod');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^STATUS\s+VERDICT\s+KIND\s+NAMESPACE\s+NAME\s+SOURCE$/);
    const rows = lines.slice(1, lines.indexOf(''));
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => /^Drifted\s/.test(row))).toEqual([expect.stringMatching(/Drifted\s+-\s+Deployment\s+shop\s+web\s+clusters\/prod\/web\/deployment\.yaml#0/)]);
    expect(rows.filter((row) => /^InSync\s/.test(row))).toHaveLength(6);
    expect(run.stdout).toContain('Deployment shop/web (clusters/prod/web/deployment.yaml#0)  changed by kubectl-scale');
    expect(run.stdout).toContain('  ~ /spec/replicas: 3 -> 20');
    expect(run.stdout).toContain('7 objects: 6 in sync, 1 drifted (0 compliant, 0 violating), 0 missing, 0 errors');
    expect(run.stdout).toContain(`at ${second}`);
  });

  it('table with policies shows the verdict and each violation', async () => {
    const run = await scan('--path', 'clusters/prod', '--policy', policyFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Drifted\s+violating\s+Deployment\s+shop\s+web/);
    expect(run.stdout).toContain('  ! shop-guardrails/replicas-within-bounds (medium): replicas must stay between 2 and 10');
  });

  it('--policy takes a directory; a rule that fails to evaluate makes the drift violating (fail closed) and says why', async () => {
    const dir = join(cluster.dir, 'policies');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeTestFile(dir, 'guardrails.yaml', GUARDRAILS_POLICY);
    writeTestFile(
      join(dir, 'nested'),
      'strict.yml',
      'apiVersion: driftback.dev/v1alpha1\nkind: DriftPolicy\nmetadata:\n  name: strict\nspec:\n  rules:\n' +
        '    - name: reads-a-missing-field\n      expression: "object.spec.paused == false"\n      message: rollouts stay unpaused\n      severity: low\n',
    );
    const run = await scanJson('--path', 'clusters/prod', '--policy', dir);
    expect(run.stderr).toBe('');
    const deployment = run.report.results.find((r) => r.object.kind === 'Deployment')!;
    expect(deployment.verdict).toBe('violating');
    expect(deployment.violations.map((v) => `${v.policy}/${v.rule}`).sort()).toEqual(['shop-guardrails/replicas-within-bounds', 'strict/reads-a-missing-field']);
    const failed = deployment.violations.find((v) => v.rule === 'reads-a-missing-field')!;
    expect(failed.message).not.toBe('rollouts stay unpaused');
    expect(failed.message).toMatch(/paused/);
  });

  it('markdown: summary table, a row per object not in sync, the changes in a diff block', async () => {
    const run = await scan('--path', 'clusters/prod', '--output', 'markdown', '--policy', policyFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## driftback drift report\n/);
    expect(run.stdout).toContain(`\`${repo.url}\` at \`${second}\``);
    expect(run.stdout).toContain('| 7 | 6 | 1 | 0 | 1 | 0 | 0 |');
    expect(run.stdout).toMatch(/\| Drifted \| violating \| Deployment shop\/web \| `clusters\/prod\/web\/deployment\.yaml#0` \| kubectl-scale at \S+ \|/);
    expect(run.stdout).toContain('- **medium** `shop-guardrails/replicas-within-bounds`: replicas must stay between 2 and 10');
    expect(run.stdout).toContain('```diff\n~ /spec/replicas: 3 -> 20\n```');
  });

  it('markdown without drift says so', async () => {
    const run = await scan('--path', 'clusters/staging', '--output', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No drift.');
  });

  it('sarif: a valid 2.1.0 log with one result per violation, located at the source file', async () => {
    const run = await scan('--path', 'clusters/prod', '--output', 'sarif', '--policy', policyFile, '--policy', 'builtin:hardening');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const sarif = JSON.parse(run.stdout) as Sarif;
    const json = (await scanJson('--path', 'clusters/prod', '--policy', policyFile, '--policy', 'builtin:hardening')).report;
    const violations = json.results.flatMap((r) => r.violations.map((v) => ({ ...v, source: r.source })));
    expect(violations.length).toBeGreaterThan(0);

    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [sarifRun] = sarif.runs;
    expect(sarifRun!.tool.driver.name).toBe('driftback');
    expect(sarifRun!.results).toHaveLength(violations.length);
    const ruleIds = sarifRun!.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const result of sarifRun!.results) {
      expect(sarifRun!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('clusters/prod/web/deployment.yaml');
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(sarifRun!.results.map((r) => r.ruleId).sort()).toEqual(violations.map((v) => `${v.policy}/${v.rule}`).sort());
  });

  it('sarif without policies has no results', async () => {
    const run = await scan('--path', 'clusters/prod', '--output', 'sarif');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Sarif).runs[0]!.results).toEqual([]);
  });

  it('--explain lists each suppressed difference with its reason; without it the report has none', async () => {
    const explained = await scanJson('--path', 'clusters/prod/web', '--explain');
    const deployment = explained.report.results.find((r) => r.object.kind === 'Deployment')!;
    const suppressed = deployment.suppressed ?? [];
    expect(suppressed).toContainEqual(expect.objectContaining({ path: '/spec/template/spec/containers/0/imagePullPolicy', reason: expect.any(String) }));
    expect(suppressed).toContainEqual(expect.objectContaining({ path: '/metadata/resourceVersion', reason: expect.any(String) }));
    const table = await scan('--path', 'clusters/prod/web', '--explain');
    expect(table.stdout).toMatch(/= \/spec\/template\/spec\/containers\/0\/imagePullPolicy: not drift, \S+/);
    const plain = await scanJson('--path', 'clusters/prod/web');
    expect(plain.report.results.every((r) => r.suppressed === undefined)).toBe(true);
    expect(plain.stdout).not.toContain('not drift');
  });

  it('--path selects only the objects under it (repeatable)', async () => {
    const staging = await scanJson('--path', 'clusters/staging');
    expect(staging.report.source.paths).toEqual(['clusters/staging']);
    expect(staging.report.results.map((r) => r.object.name)).toEqual(['staging-config']);
    expect(staging.code).toBe(0);
    const both = await scanJson('--path', 'clusters/prod/web', '--path', 'clusters/staging');
    expect(both.report.results.every((r) => /^clusters\/(prod\/web|staging)\//.test(r.source.path))).toBe(true);
    expect(both.report.results.map((r) => r.object.name).sort()).toEqual(['staging-config', 'web', 'web', 'web-config']);
  });

  it('--revision reads a tag or a sha, and the report names the commit', async () => {
    for (const revision of ['v1', repo.sha, repo.sha.slice(0, 12)]) {
      const run = await scanJson('--revision', revision, '--path', 'clusters/prod');
      expect(run.report.source.revision).toBe(repo.sha);
      expect(run.report.results.map((r) => r.object.name)).not.toContain('extra');
    }
    const head = await scanJson('--path', 'clusters/prod');
    expect(head.report.source.revision).toBe(second);
    expect(head.report.results.map((r) => r.object.name)).toContain('extra');
  });

  it('a namespaced object without a namespace is in the context namespace, else --namespace, else "default"', async () => {
    const extra = (report: DriftReport) => report.results.find((r) => r.object.name === 'extra');
    const fromContext = await scanJson('--path', 'clusters/prod');
    expect(extra(fromContext.report)).toMatchObject({ object: { namespace: 'shop' }, status: 'InSync' });
    const flagged = await scanJson('--path', 'clusters/prod', '--namespace', 'other');
    expect(extra(flagged.report)).toMatchObject({ object: { namespace: 'other' }, status: 'Missing' });
    const bare = join(cluster.dir, 'kubeconfig-without-namespace');
    await writeKubeconfig(bare, cluster.server);
    const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', bare, '--path', 'clusters/prod', '--output', 'json']);
    expect(extra(JSON.parse(run.stdout) as DriftReport)).toMatchObject({ object: { namespace: 'default' }, status: 'Missing' });
  });

  it('--repo takes a local path relative to the working directory', async () => {
    const run = await runDriftback(['scan', '--repo', basename(repo.bare), '--kubeconfig', cluster.kubeconfig, '--path', 'clusters/staging', '--output', 'json'], {
      cwd: dirname(repo.bare),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as DriftReport).source.revision).toBe(second);
  });

  it('KUBECONFIG is used when --kubeconfig is absent', async () => {
    const run = await runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/staging'], { env: { KUBECONFIG: cluster.kubeconfig, HOME: cluster.dir } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)[1]).toMatch(/^InSync\s+-\s+ConfigMap\s+shop\s+staging-config/);
  });
});
