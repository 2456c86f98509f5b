/**
 * Kustomize repositories for tests, kept as real files under test/fixtures/kustomize, and the
 * render settings tests use: the binaries on the runner's PATH (CI has only kubectl, whose
 * embedded kustomize renders every fixture).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { RenderSettings } from '../../src/baseline/index.js';
import type { DemoKubectl } from '../../src/demo/act-like-kubectl.js';

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

/**
 * The hand edits made to the shop's prod overlay in the scenarios, one per way Git can own a
 * field: a replicas entry, an images entry, an overlay patch file, a JSON 6902 patch file, a base
 * file, a component's patch, a generated ConfigMap, and a label Git does not set.
 */
export async function editProdByHand(kubectl: DemoKubectl): Promise<void> {
  const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' } });
  await kubectl.mergePatch(deployment('web'), { spec: { replicas: 5 } }, 'kubectl-scale');
  await kubectl.strategicPatch(
    deployment('web'),
    { spec: { template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.0.4', resources: { limits: { memory: '1Gi' } } }] } } } },
    'kubectl-edit',
  );
  await kubectl.strategicPatch(
    deployment('worker'),
    {
      spec: {
        template: {
          metadata: { annotations: { 'prometheus.io/scrape': 'false' } },
          spec: { containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:2.5.0', args: ['--queue', 'orders-eu'] }] },
        },
      },
    },
    'kubectl-edit',
  );
  await kubectl.mergePatch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config-c5k9d279bc', namespace: 'shop' } }, { data: { LOG_LEVEL: 'debug' } }, 'kubectl-edit');
  await kubectl.mergePatch({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } }, { metadata: { labels: { release: 'hotfix' } } }, 'kubectl-label');
}
