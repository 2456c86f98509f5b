/**
 * helm, built from its Go module by test/tools/helm/build-helm.sh (the real-server tier's global
 * setup runs it and sets DRIFTBACK_HELM), and the chart rendered as parsed objects.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../../src/model/kube-object.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHART = join(ROOT, 'charts/driftback');

export interface HelmRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with a private HOME; `values`, when given, are passed as a values file. */
export function helm(args: string[], values?: Record<string, unknown>): HelmRun {
  const binary = process.env.DRIFTBACK_HELM;
  if (!binary || !existsSync(binary)) throw new Error('helm is not built: run bash test/tools/helm/build-helm.sh');
  const home = mkdtempSync(join(tmpdir(), 'driftback-helm-'));
  try {
    const valuesArgs: string[] = [];
    if (values) {
      writeFileSync(join(home, 'values.yaml'), stringify(values));
      valuesArgs.push('--values', join(home, 'values.yaml'));
    }
    const run = spawnSync(binary, [...args, ...valuesArgs], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: home } });
    if (run.error) throw run.error;
    return { code: run.status ?? -1, stdout: run.stdout, stderr: withoutSymlinkNotes(run.stderr) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** helm logs each symbolic link it follows (charts/driftback/crds and files/ point into the repository). */
function withoutSymlinkNotes(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/found symbolic link in path: .* Contents of linked file included and used/.test(line))
    .join('\n');
}

export interface RenderOptions {
  values?: Record<string, unknown>;
  release?: string;
  namespace?: string;
}

/** `helm template` of the chart with its CRDs: the text, or the error helm printed. */
export function helmTemplate(options: RenderOptions = {}): HelmRun {
  return helm(['template', options.release ?? 'driftback', CHART, '--namespace', options.namespace ?? 'driftback-system', '--include-crds'], options.values ?? {});
}

export function renderChart(options: RenderOptions = {}): KubeObject[] {
  const run = helmTemplate(options);
  if (run.code !== 0) throw new Error(`helm template failed: ${run.stderr}`);
  return objectsOf(run.stdout);
}

export function objectsOf(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => !!object?.kind);
}

/** `kind/namespace/name`: how the tests pair a rendered object with its counterpart. */
export function keyOf(object: KubeObject): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
