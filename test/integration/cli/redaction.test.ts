import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from '../../../src/model/report.js';
import { DB_PASSWORD, SHOP_FILES } from '../../support/cli-fixtures.js';
import { runDriftback, startScanCluster, writeTestFile, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

// Quotes and a backslash, so the JSON-escaped spelling differs from the plain one.
const ROTATED = 'Tr0ub4dor&3 "rotated" \\by-hand';
const LEAKY_POLICY = `apiVersion: driftback.dev/v1alpha1
kind: DriftPolicy
metadata:
  name: leaky
spec:
  rules:
    - name: no-secret-edits
      match:
        kinds: [Secret]
      expression: "object.data.DATABASE_PASSWORD == oldObject.data.DATABASE_PASSWORD"
      message: secrets change only through Git
      severity: high
`;
const configRef = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' } };
const secretRef = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-credentials', namespace: 'shop' } };

/** Every spelling a leak could take: plain, base64 (padded or not), JSON-escaped once and twice. */
function spellings(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  const escaped = JSON.stringify(secret).slice(1, -1);
  return [secret, base64, base64.replace(/=+$/, ''), escaped, JSON.stringify(escaped).slice(1, -1)];
}

function expectNoSecret(text: string): void {
  for (const secret of [DB_PASSWORD, ROTATED]) {
    for (const form of spellings(secret)) expect(text).not.toContain(form);
  }
  // Not even the part of a value before the table cuts a long line short.
  expect(text).not.toContain(ROTATED.slice(0, 9));
}

describe('scan never prints a Secret value', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    await cluster.apply(SHOP_FILES);
    // `kubectl patch secret ... -p '{"data":{...}}'`, then someone pastes the new value into an annotation.
    await cluster.kubectl.mergePatch(secretRef, { data: { DATABASE_PASSWORD: Buffer.from(ROTATED).toString('base64') } }, 'kubectl-patch');
    await cluster.kubectl.mergePatch(secretRef, { metadata: { annotations: { 'ops.acme.io/note': `rotated to ${ROTATED} during incident` } } }, 'kubectl-annotate');
    // ... and into a ConfigMap, far enough into the value that the table and markdown shorten it mid-secret.
    const padding = 'the database password was rotated during the incident, new value:';
    await cluster.kubectl.mergePatch(configRef, { data: { NOTE: `${padding} ${ROTATED}` } }, 'kubectl-edit');
  });

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
  });

  const scan = (...extra: string[]) =>
    runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, ...extra]);

  it('reports the changed Secret as Drifted with redacted values', async () => {
    const run = await scan('--output', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DriftReport;
    const secret = report.results.find((r) => r.object.kind === 'Secret');
    expect(secret?.status).toBe('Drifted');
    const data = secret?.changes.find((c) => c.path === '/data/DATABASE_PASSWORD');
    expect(data).toMatchObject({ op: 'replace', baseline: '<redacted>', live: '<redacted>' });
    const note = secret?.changes.find((c) => c.path === '/metadata/annotations/ops.acme.io~1note');
    expect(note).toMatchObject({ op: 'add' });
    expect(secret?.actors.map((a) => a.manager).sort()).toEqual(['kubectl-annotate', 'kubectl-patch']);
    const config = report.results.find((r) => r.object.name === 'web-config');
    expect(config?.changes).toEqual([{ op: 'add', path: '/data/NOTE', live: expect.stringContaining('<redacted>') }]);
  });

  it.each([
    ['table', []],
    ['json', []],
    ['markdown', []],
    ['sarif', ['--policy', 'builtin:hardening']],
    ['table', ['--explain']],
    ['json', ['--explain']],
    ['markdown', ['--explain', '--policy', 'builtin:hardening']],
  ])('--output %s %j: neither the Git nor the live value in any spelling, on stdout or stderr', async (format, extra) => {
    const run = await scan('--output', format, ...(extra as string[]));
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBeGreaterThan(0);
    expectNoSecret(run.stdout);
    expectNoSecret(run.stderr);
  });

  it('--report-file: each file holds what --output of its format prints, scrubbed the same way', async () => {
    const flags = ['--policy', 'builtin:hardening', '--explain'];
    const files = ['table', 'json', 'markdown', 'sarif'].map((format) => [format, join(cluster.dir, `report.${format}`)] as const);
    const run = await scan('--output', 'json', ...flags, ...files.flatMap(([format, file]) => ['--report-file', `${format}=${file}`]));
    expect(run.code).toBe(1);
    for (const [format, file] of files) {
      const text = readFileSync(file, 'utf8');
      expect(text).toBe((await scan('--output', format, ...flags)).stdout);
      expectNoSecret(text);
    }
  });

  it('with a policy whose message would quote the object, still nothing leaks', async () => {
    const leaky = writeTestFile(cluster.dir, 'leaky.yaml', LEAKY_POLICY);
    for (const format of ['json', 'table', 'markdown', 'sarif']) {
      const run = await scan('--output', format, '--policy', leaky, '--explain');
      expect(run.code).toBe(1);
      expectNoSecret(run.stdout);
      expectNoSecret(run.stderr);
    }
  });
});
