import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { DriftReport } from '../../../src/model/report.js';
import { writeKubeconfig } from '../../../src/standin/index.js';
import { expectOneErrorLine } from '../../support/cli-expect.js';
import { linesOf, runDriftback, startScanCluster, writeTestFile, type ScanCluster } from '../../support/cli-harness.js';
import { gitRepoPool } from '../../support/git-repo.js';

const configMap = (name: string, value = name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: ${value}\n`;

const ALIAS_BOMB = `apiVersion: v1
kind: ConfigMap
metadata:
  name: lol
  namespace: shop
data:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('scan: every bad input exits 2 with one clear line on stderr', () => {
  let cluster: ScanCluster;
  const repos = gitRepoPool();
  const makeRepo = repos.make;
  const scan = (repo: string, ...extra: string[]) =>
    runDriftback(['scan', '--repo', repo, '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra], { cwd: cluster.dir });

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply({ ns: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', a: configMap('a'), b: configMap('b') });
  });

  afterAll(async () => {
    await cluster.close();
    repos.cleanup();
  });

  it('broken YAML: file:line:column and the reason; the other files are still compared and reported', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'b.yaml': configMap('b'), 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n' });
    const run = await scan(repo.url);
    expectOneErrorLine(run, /broken\.yaml:\d+:\d+/);
    expect((await scan(repo.url, '--fail-on', 'never')).code).toBe(2);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results.map((r) => [r.object.name, r.status])).toEqual([
      ['a', 'InSync'],
      ['b', 'InSync'],
    ]);
    expect(report.problems).toEqual([{ file: 'broken.yaml', document: 0, line: 5, reason: expect.stringMatching(/\S/) }]);
    expect(report.summary).toMatchObject({ objects: 2, inSync: 2, errors: 1 });
  });

  it('the table and markdown outputs list what made the scan partial and count it', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n' });
    const table = await scan(repo.url, '--output', 'table');
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/not compared, so the scan is partial:\n {2}! broken\.yaml#0 \(line 5\): \S/);
    expect(table.stdout).toContain('1 objects: 1 in sync, 0 drifted (0 compliant, 0 violating), 0 missing, 1 errors');
    const markdown = await scan(repo.url, '--output', 'markdown');
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain('| 1 | 1 | 0 | 0 | 0 | 0 | 1 |');
    expect(markdown.stdout).toMatch(/### Not compared: the scan is partial\n\n- broken\.yaml#0 \(line 5\): \S/);
    expect(markdown.stdout).not.toContain('No drift.');
  });

  it('a YAML alias bomb is refused, naming the file', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'bomb.yaml': ALIAS_BOMB });
    const run = await scan(repo.url);
    expectOneErrorLine(run, /bomb\.yaml/, /alias/i);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results.map((r) => r.object.name)).toEqual(['a']);
    expect(report.problems).toEqual([{ file: 'bomb.yaml', document: 0, line: expect.any(Number), reason: expect.stringMatching(/alias/) }]);
    expect(report.summary.errors).toBe(1);
  });

  it('skipped documents are warnings on stderr, naming the file; they do not change the exit code or the report', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'chart/values.yaml': 'replicaCount: 3\n', 'overlay/component.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n' });
    const run = await scan(repo.url);
    expect(run.code).toBe(0);
    const lines = linesOf(run.stderr);
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('chart/values.yaml'))).toMatch(/^driftback: warning: /);
    expect(lines.find((line) => line.includes('overlay/component.yaml'))).toMatch(/^driftback: warning: /);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results.map((r) => r.object.name)).toEqual(['a']);
    expect(report.skipped?.map((s) => s.file).sort()).toEqual(['chart/values.yaml', 'overlay/component.yaml']);
    expect(report.problems).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('an oversized file is refused, naming the file; the others are still compared', async () => {
    const huge = `${configMap('huge')}${'# padding padding padding padding padding padding padding padding\n'.repeat(100_000)}`;
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'huge.yaml': huge });
    const run = await scan(repo.url);
    expectOneErrorLine(run, /huge\.yaml/, /limit|too large|over/i);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results.map((r) => r.object.name)).toEqual(['a']);
    expect(report.problems).toEqual([{ file: 'huge.yaml', reason: expect.stringMatching(/^refused: the file has 6\.\d MiB, over the limit of 5\.0 MiB/) }]);
    expect(report.summary.errors).toBe(1);
    expect(run.stderr).toContain('raise it with --max-file-size');

    const raised = await scan(repo.url, '--max-file-size', '8Mi');
    expect(raised.stderr).toBe('');
    expect((JSON.parse(raised.stdout) as DriftReport).results.map((r) => [r.object.name, r.status])).toEqual([
      ['a', 'InSync'],
      ['huge', 'Missing'],
    ]);
    const lowered = await scan(repo.url, '--max-file-size', '100');
    expectOneErrorLine(lowered, /huge\.yaml/, /over the limit of 100 bytes/);
  });

  it('the same object defined twice names both places', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'copy/a-again.yaml': `# copied\n${configMap('a', 'other')}` });
    const run = await scan(repo.url);
    expectOneErrorLine(run, /a\.yaml/, /copy\/a-again\.yaml/, /twice|duplicate/i);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.results).toHaveLength(1);
    expect(report.problems).toEqual([
      {
        file: 'copy/a-again.yaml',
        document: 0,
        line: 2,
        object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'a' },
        reason: 'ConfigMap shop/a is defined twice, first at a.yaml#0 (line 1)',
      },
    ]);
    expect(report.summary).toMatchObject({ objects: 1, errors: 1 });
  });

  it('a kind the cluster does not serve is an Error result, named on stderr, not Missing', async () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gizmo\n  namespace: shop\nspec:\n  size: 3\n';
    const repo = makeRepo({ 'a.yaml': configMap('a'), 'widget.yaml': widget });
    const run = await scan(repo.url);
    expectOneErrorLine(run, /Widget/, /gizmo/);
    const report = JSON.parse(run.stdout) as DriftReport;
    const gizmo = report.results.find((r) => r.object.name === 'gizmo');
    expect(gizmo).toMatchObject({ status: 'Error', changes: [], verdict: null, error: expect.stringMatching(/\S/) });
    expect(report.summary).toMatchObject({ objects: 2, inSync: 1, missing: 0, errors: 1 });
  });

  it('an unreachable cluster names its URL; no report', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const down = await startScanCluster();
    await down.server.stop();
    try {
      const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', down.kubeconfig, '--output', 'json']);
      expectOneErrorLine(run, escape(down.server.url));
      expect(run.stdout).toBe('');
    } finally {
      await down.close();
    }
  });

  it('403 names the verb and the resource', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const guarded = await startScanCluster({ forbid: [{ verb: 'list', group: '', resource: 'configmaps' }] });
    try {
      const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', guarded.kubeconfig, '--output', 'json']);
      const line = expectOneErrorLine(run, /\blist\b/, /configmaps/);
      expect(line).toMatch(/forbidden|403/i);
    } finally {
      await guarded.close();
    }
  });

  it('401 (a token the server does not accept) says the credentials were refused', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const locked = await startScanCluster({ token: 'the-right-token' });
    try {
      const wrong = join(locked.dir, 'wrong-kubeconfig');
      await writeKubeconfig(wrong, locked.server, { token: 'a-stale-token' });
      const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', wrong, '--output', 'json']);
      const line = expectOneErrorLine(run, /401|unauthori[sz]ed|credentials/i);
      expect(line).not.toContain('a-stale-token');
      expect(run.stdout).toBe('');
    } finally {
      await locked.close();
    }
  });

  it('a repository that does not exist is named', async () => {
    const missing = join(cluster.dir, 'no-such-repo.git');
    const run = await scan(missing);
    expectOneErrorLine(run, escape('no-such-repo.git'));
    expect(run.stdout).toBe('');
  });

  it('an unknown revision is named', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const run = await scan(repo.url, '--revision', 'release-9.9');
    expectOneErrorLine(run, /release-9\.9/);
    expect(run.stdout).toBe('');
  });

  it.each([
    [['--output', 'xml'], /--output/, /xml/],
    [['--fail-on', 'sometimes'], /--fail-on/, /sometimes/],
    [['--bogus'], /--bogus/],
    [['--output'], /--output/],
    [['--report-file', 'xml=report.xml'], /--report-file/, /xml=report\.xml/],
    [['--report-file', 'sarif'], /--report-file/, /<format>=<file>/],
    [['--pushgateway', 'ftp://gateway:9091'], /--pushgateway/, /ftp:\/\/gateway:9091/],
    [['--pushgateway', 'gateway'], /--pushgateway/, /http\(s\) URL/],
    [['--max-file-size', 'lots'], /--max-file-size/, /lots/],
    [['--max-file-size', '0'], /--max-file-size/],
  ])('bad flag values %j', async (flags, ...patterns) => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const before = cluster.server.requests.length;
    const run = await scan(repo.url, ...(flags as string[]));
    expectOneErrorLine(run, ...(patterns as RegExp[]));
    expect(run.stdout).toBe('');
    expect(cluster.server.requests.length).toBe(before);
  });

  it('a report file that cannot be written is named', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const target = join(cluster.dir, 'no-such-dir', 'report.sarif');
    expectOneErrorLine(await scan(repo.url, '--report-file', `sarif=${target}`), escape(target), /ENOENT/);
  });

  it('a missing --repo is named', async () => {
    const run = await runDriftback(['scan', '--kubeconfig', cluster.kubeconfig]);
    expectOneErrorLine(run, /--repo/);
    expect(run.stdout).toBe('');
  });

  it('an unknown --context names the context and the kubeconfig; a known one is used', async () => {
    const repo = makeRepo({ 'a.yaml': configMap('a') });
    const run = await scan(repo.url, '--context', 'prod-eu');
    expectOneErrorLine(run, /prod-eu/, escape(cluster.kubeconfig));
    expect(run.stdout).toBe('');
    const named = join(cluster.dir, 'kubeconfig-named');
    await writeKubeconfig(named, cluster.server, { context: 'staging', namespace: 'shop' });
    const ok = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', named, '--context', 'staging', '--output', 'json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('an unreachable Git server is named without the credentials in its URL or the token', async () => {
    const env = { HOME: cluster.dir, GITHUB_TOKEN: 'ghp_fromTheEnvironment789' };
    const withUserinfo = await runDriftback(
      ['scan', '--repo', 'https://x-access-token:ghp_inTheUrl123@127.0.0.1:9/acme/infra.git', '--kubeconfig', cluster.kubeconfig],
      { env },
    );
    const line = expectOneErrorLine(withUserinfo, /127\.0\.0\.1:9\/acme\/infra\.git/);
    expect(line).not.toContain('ghp_');
    const withFlag = await runDriftback(
      ['scan', '--repo', 'https://127.0.0.1:9/acme/infra.git', '--github-token', 'ghp_fromTheFlag456', '--kubeconfig', cluster.kubeconfig],
      { env },
    );
    expect(expectOneErrorLine(withFlag, /acme\/infra\.git/)).not.toContain('ghp_');
    expect(withFlag.stdout).toBe('');
  });

  it('scan --help prints the usage and exits 0', async () => {
    const run = await runDriftback(['scan', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('driftback scan --repo');
    expect(run.stderr).toBe('');
  });

  describe('policies: nothing is scanned with a half-loaded policy', () => {
    const policy = (rules: string) => `apiVersion: driftback.dev/v1alpha1\nkind: DriftPolicy\nmetadata:\n  name: guardrails\nspec:\n  rules:\n${rules}`;

    it('a policy file that does not parse names the file and the place', async () => {
      const repo = makeRepo({ 'a.yaml': configMap('a') });
      const file = writeTestFile(cluster.dir, 'broken-policy.yaml', policy('    - name: ok\n      expression: "true"\n      message: fine\n     bad: [indent\n'));
      const before = cluster.server.requests.length;
      const run = await scan(repo.url, '--policy', file);
      expectOneErrorLine(run, /broken-policy\.yaml/);
      expect(run.stdout).toBe('');
      expect(cluster.server.requests.length).toBe(before);
    });

    it('a rule that does not compile names the file, the rule and the reason', async () => {
      const repo = makeRepo({ 'a.yaml': configMap('a') });
      const rules =
        '    - name: fine\n      expression: "true"\n      message: fine\n' +
        '    - name: half-written\n      expression: "object.spec.replicas >"\n      message: replicas are bounded\n';
      const file = writeTestFile(cluster.dir, 'bad-rule.yaml', policy(rules));
      const before = cluster.server.requests.length;
      const run = await scan(repo.url, '--policy', file);
      expectOneErrorLine(run, /bad-rule\.yaml/, /half-written/);
      expect(run.stdout).toBe('');
      expect(cluster.server.requests.length).toBe(before);
    });

    it('an unknown built-in pack is named', async () => {
      const repo = makeRepo({ 'a.yaml': configMap('a') });
      const run = await scan(repo.url, '--policy', 'builtin:nope');
      expectOneErrorLine(run, /builtin:nope|nope/);
      expect(run.stdout).toBe('');
    });
  });
});
