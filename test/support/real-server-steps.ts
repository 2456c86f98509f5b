import { expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DriftReport, DriftResult } from '../../src/model/report.js';
import { runDriftback } from './cli-harness.js';
import type { GitRepo } from './git-repo.js';
import type { RealApiServer } from './real-api-server.js';

/** Runs the real kubectl and expects it to succeed (the server's deprecation warnings aside); gives stdout. */
export async function kubectlOk(server: RealApiServer, args: string[]): Promise<string> {
  const run = await server.kubectl(args);
  expect({ args, code: run.code, stderr: run.stderr.split('\n').filter((l) => l && !l.startsWith('Warning: ')) }).toEqual({ args, code: 0, stderr: [] });
  return run.stdout;
}

/** `driftback scan --output json` of the repository against the server, expected to run cleanly. */
export async function scanReport(repo: GitRepo, server: RealApiServer, extra: string[] = []): Promise<DriftReport> {
  const run = await runDriftback(['scan', '--repo', repo.url, '--kubeconfig', server.kubeconfig, '--output', 'json', '--fail-on', 'never', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DriftReport;
}

export function resultFor(report: DriftReport, kind: string, name: string): DriftResult {
  const found = report.results.find((r) => r.object.kind === kind && r.object.name === name);
  if (!found) throw new Error(`no result for ${kind}/${name}`);
  return found;
}

/** The files in a fresh temporary directory, for kubectl -f. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftback-real-corpus-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
