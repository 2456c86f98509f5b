/**
 * Kustomize repositories for tests, kept as real files under test/fixtures/kustomize, and the
 * render settings tests use: the binaries on the runner's PATH (CI has only kubectl, whose
 * embedded kustomize renders every fixture).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { RenderSettings } from '../../src/baseline/index.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/kustomize');

export function kustomizeSettings(extra: Partial<RenderSettings> = {}): RenderSettings {
  return { pathVariable: process.env.PATH, ...extra };
}

/** The files of a fixture repository, by repository path, ready for createGitRepo. */
export function fixtureFiles(name: string): Record<string, string> {
  const root = join(FIXTURES, name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** `kubectl kustomize <root>` of a checkout, independent of driftback's renderer: what a GitOps tool would apply. */
export function renderWithKubectl(dir: string, root: string): string {
  const result = spawnSync('kubectl', ['kustomize', join(dir, root)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${root} failed: ${result.stderr}`);
  return result.stdout;
}
