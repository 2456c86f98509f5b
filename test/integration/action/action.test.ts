/**
 * The composite GitHub Action (action.yml): its steps checked as GitHub would run them, and its
 * scan step (action/scan.sh) run for real against the stand-in API server, a bare repository and
 * the GitHub stand-in, with the files GitHub gives a step (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { SCAN_OPTIONS } from '../../../src/cli/commands/scan.js';
import { USAGE } from '../../../src/cli/usage.js';
import { SHOP_FILES } from '../../support/cli-fixtures.js';
import { buildCli, runDriftback, startScanCluster, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';
import { GitHubStandIn } from '../../support/github-standin.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'action/scan.sh');

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const scanStep = steps.find((step) => step.id === 'scan')!;

describe('action.yml', () => {
  it('is a composite action whose shell steps never hold an expression, so no input can inject a command', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of steps.filter((s) => s.run)) expect([step.name, step.run]).toEqual([step.name, expect.not.stringContaining('${{')]);
  });

  it('hands every input to a step: the scan through INPUT_* variables, the rest to the upload', () => {
    const used = JSON.stringify(steps);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 0, used.includes(`inputs.${name} `) || used.includes(`inputs.${name} }}`)]).toEqual([name, true, true]);
    }
    const script = readFileSync(SCRIPT, 'utf8');
    for (const variable of Object.keys(scanStep.env!).filter((v) => v.startsWith('INPUT_'))) expect([variable, script.includes(variable)]).toEqual([variable, true]);
  });

  it('passes only flags that driftback scan accepts and USAGE shows', () => {
    const flags = [...new Set(readFileSync(SCRIPT, 'utf8').match(/(?<![\w-])--[a-z][a-z-]+/g))];
    expect(flags.length).toBeGreaterThan(10);
    const accepted = Object.keys(SCAN_OPTIONS).map((name) => `--${name}`);
    for (const flag of flags) expect([flag, accepted.includes(flag), USAGE.includes(flag)]).toEqual([flag, true, true]);
  });

  it('uploads the SARIF of the scan to code scanning even when the scan failed, then exits with its code', () => {
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toContain('always()');
    expect(upload.with).toMatchObject({ sarif_file: '${{ steps.scan.outputs.sarif }}' });
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(scanStep));
    const last = steps.at(-1)!;
    expect(last.if).toContain('always()');
    expect(last.env).toEqual({ SCAN_EXIT_CODE: '${{ steps.scan.outputs.exit-code }}' });
    expect(last.run).toBe('exit "$SCAN_EXIT_CODE"');
  });

  it('declares as outputs what the scan step writes', () => {
    const script = readFileSync(SCRIPT, 'utf8');
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.scan.outputs.${name} }}`);
      expect([name, new RegExp(`\\b${name}=`).test(script)]).toEqual([name, true]);
    }
  });
});

interface StepRun {
  code: number;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

describe('action/scan.sh against a stand-in cluster', () => {
  const token = 'ghp_actionTokenNeverPrinted';
  let cluster: ScanCluster;
  let repo: GitRepo;
  let build: { cli: string; cleanup(): void };
  let runnerTemp: string;

  beforeAll(async () => {
    build = buildCli();
    cluster = await startScanCluster({ namespace: 'shop' });
    await cluster.apply(SHOP_FILES);
    repo = createGitRepo(SHOP_FILES);
    runnerTemp = mkdtempSync(join(tmpdir(), 'driftback-runner-temp-'));
  }, 120_000);

  afterAll(async () => {
    await cluster.close();
    repo.cleanup();
    build.cleanup();
    rmSync(runnerTemp, { recursive: true, force: true });
  });

  /** Runs the step as the runner does: inputs in INPUT_*, a fresh GITHUB_OUTPUT, a summary earlier steps already wrote to. */
  function runStep(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepRun> {
    const files = mkdtempSync(join(runnerTemp, 'step-'));
    const output = join(files, 'output');
    const summary = join(files, 'summary');
    writeFileSync(output, '');
    writeFileSync(summary, 'an earlier step\n');
    const child = spawn('bash', [SCRIPT], {
      cwd: cluster.dir,
      env: { PATH: process.env.PATH, HOME: cluster.dir, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, DRIFTBACK_CLI: build.cli, ...inputs, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => {
        const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
        done({ code: code ?? -1, stderr, outputs, summary: readFileSync(summary, 'utf8') });
      });
    });
  }

  const inputs = () => ({
    INPUT_KUBECONFIG: readFileSync(cluster.kubeconfig, 'utf8'),
    INPUT_REPO: repo.url,
    INPUT_PATHS: '  clusters/prod\n\n',
    INPUT_POLICIES: 'builtin:hardening\n',
    INPUT_FAIL_ON: 'drift',
  });

  it('in sync: exit code 0 as an output, the markdown report appended to the job summary, and no kubeconfig left behind', async () => {
    const step = await runStep(inputs());
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    expect(step.outputs).toMatchObject({ 'exit-code': '0', drifted: '0', violating: '0' });
    const markdown = await runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/prod', '--policy', 'builtin:hardening', '--kubeconfig', cluster.kubeconfig, '--output', 'markdown']);
    expect(step.summary).toBe(`an earlier step\n${markdown.stdout}`);
    expect(readdirSync(join(step.outputs.report!, '..'))).not.toContain('kubeconfig');
  }, 30_000);

  describe('after hand edits', () => {
    beforeAll(async () => {
      const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
      await cluster.kubectl.mergePatch(web, { spec: { replicas: 5 } }, 'kubectl-scale');
      await cluster.kubectl.mergePatch(web, { spec: { template: { spec: { hostNetwork: true } } } }, 'kubectl-edit');
    });

    it('drift: exit code 1 as an output while the step passes, so that the SARIF with the violation is uploaded', async () => {
      const step = await runStep(inputs());
      expect(step.code).toBe(0);
      expect(step.outputs).toMatchObject({ 'exit-code': '1', drifted: '1', violating: '1' });
      const sarif = JSON.parse(readFileSync(step.outputs.sarif!, 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.results.map((r) => r.ruleId).join(' ')).toMatch(/host/i);
      expect(JSON.parse(readFileSync(step.outputs.report!, 'utf8'))).toMatchObject({ kind: 'DriftReport', summary: { drifted: 1, violating: 1 } });
      expect(step.summary).toContain('shop/web');
    }, 30_000);

    it('open-prs: codifies compliant drift as a pull request to the repository the inputs name, with their labels', async () => {
      const prRepo = createGitRepo(SHOP_FILES);
      const github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token });
      try {
        const step = await runStep(
          {
            ...inputs(),
            INPUT_REPO: prRepo.url,
            INPUT_POLICIES: '',
            INPUT_IGNORE: '/spec/template/spec/hostNetwork',
            INPUT_OPEN_PRS: 'true',
            INPUT_GITHUB_API_URL: github.url,
            INPUT_GITHUB_REPOSITORY: 'acme/infra',
            INPUT_LABELS: 'drift\ngitops\n',
          },
          { GITHUB_TOKEN: token },
        );
        expect(step.outputs['exit-code']).toBe('1');
        expect(step.stderr).toMatch(/pull request created: #1 /);
        expect(step.stderr).not.toContain(token);
        expect(github.unexpected).toEqual([]);
        expect(github.pulls).toHaveLength(1);
        expect(github.pulls[0]).toMatchObject({ state: 'open', head: 'driftback/clusters-prod', labels: ['drift', 'gitops'] });
      } finally {
        await github.close();
        prRepo.cleanup();
      }
    }, 30_000);
  });

  it('an unreachable cluster: exit code 2 as an output, no SARIF to upload, and the summary says the scan could not be done', async () => {
    const unreachable = join(cluster.dir, 'unreachable.kubeconfig');
    writeFileSync(unreachable, readFileSync(cluster.kubeconfig, 'utf8').replace(/server: .*/, 'server: http://127.0.0.1:9'));
    const step = await runStep({ ...inputs(), INPUT_KUBECONFIG: readFileSync(unreachable, 'utf8') });
    expect(step.code).toBe(0);
    expect(step.outputs['exit-code']).toBe('2');
    expect(step.outputs.sarif).toBeUndefined();
    expect(step.summary).toBe('an earlier step\n### driftback\n\nThe scan could not be done (exit 2); the step log says why.\n');
    expect(step.stderr).toMatch(/^driftback: .*127\.0\.0\.1:9/m);
  }, 30_000);

  it('leaves nothing but its reports in the runner temp directory', () => {
    const leftovers = readdirSync(runnerTemp).flatMap((dir) => (existsSync(join(runnerTemp, dir, 'kubeconfig')) ? [dir] : []));
    expect(leftovers).toEqual([]);
  });
});
