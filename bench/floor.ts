import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mapLimit } from '../src/cluster/map-limit.js';
import type { KubeObject } from '../src/model/kube-object.js';

export interface Floor {
  cloneMs: number;
  listMs: number;
  totalMs: number;
}

const PLURALS: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', Service: 'services', ConfigMap: 'configmaps' };

/** The list URLs a scan of these manifests needs: one per resource and namespace. */
export function listPaths(manifests: readonly KubeObject[]): string[] {
  const paths = new Set<string>();
  for (const { apiVersion, kind, metadata } of manifests) {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    paths.add(`${base}/namespaces/${metadata.namespace}/${PLURALS[kind]}`);
  }
  return [...paths];
}

/** One GET of each list, whole (no `limit`), read to the last byte, eight at a time as a scan lists. */
export async function timeLists(url: string, paths: readonly string[]): Promise<number> {
  const start = performance.now();
  await mapLimit(paths, 8, async (path) => {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    await response.arrayBuffer();
  });
  return performance.now() - start;
}

/**
 * The least any scan must spend, measured as the issue defines it: a shallow clone of the
 * repository (over file://, so that --depth applies) plus one GET of each list.
 */
export async function measureFloor(bareRepo: string, url: string, paths: readonly string[]): Promise<Floor> {
  const dir = await mkdtemp(join(tmpdir(), 'driftback-bench-floor-'));
  try {
    const start = performance.now();
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', `file://${bareRepo}`, join(dir, 'checkout')], { stdio: 'ignore' });
    const cloneMs = performance.now() - start;
    const listMs = await timeLists(url, paths);
    return { cloneMs, listMs, totalMs: cloneMs + listMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
