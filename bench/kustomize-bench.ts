import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { findKustomizeBinary } from '../src/baseline/kustomize/kustomize-binary.js';
import { RENDER_CONCURRENCY } from '../src/baseline/kustomize/render-roots.js';
import { runScan } from '../src/scan/index.js';
import { mapLimit } from '../src/cluster/map-limit.js';
import type { KubeObject } from '../src/model/index.js';
import { startStandInApiServer, writeKubeconfig } from '../src/standin/index.js';
import { pushToBareRepository } from './operator-bench.js';
import { median } from './measure.js';

const run = promisify(execFile);

/**
 * The measure: a scan of 50 Kustomize roots of 20 objects each (clone, walk the
 * kustomizations, render, trace each object to its file, parse, list over HTTP, compare) against
 * the bare kustomize builds of the same roots, run with the same binary and the same number of
 * builds at once as the scan uses. Builds and scans alternate, and which goes first alternates
 * too, so that a change in the machine's load lands on both; medians of 5 rounds.
 */
export async function benchKustomize(roots = 50, objectsPerRoot = 20, rounds = 5): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'driftback-bench-kustomize-'));
  try {
    const work = join(dir, 'work');
    for (let app = 0; app < roots; app++) await writeApp(work, app, objectsPerRoot);
    const bare = join(dir, 'infra.git');
    pushToBareRepository(work, bare);

    const binary = await findKustomizeBinary(undefined, process.env.PATH);
    const rootDirs = Array.from({ length: roots }, (_, app) => join(work, appDir(app), 'overlays/prod'));
    const concurrency = RENDER_CONCURRENCY;
    const buildAll = () => mapLimit(rootDirs, concurrency, async (root) => (await run(binary.path, [binary.command, root], { maxBuffer: 64 * 1024 * 1024 })).stdout);

    const rendered = (await buildAll()).flatMap((yaml) => parseAllDocuments(yaml).map((doc) => doc.toJS() as KubeObject));
    const server = await startStandInApiServer({ objects: rendered });
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, server);
    try {
      const builds: number[] = [];
      const scans: number[] = [];
      let summary = '';
      const buildCpu: number[] = [];
      const scanCpu: number[] = [];
      const build = async () => {
        const cpu = cpuMs();
        const start = performance.now();
        await buildAll();
        builds.push(performance.now() - start);
        buildCpu.push(cpuMs() - cpu);
      };
      const scan = async () => {
        const cpu = cpuMs();
        const start = performance.now();
        const outcome = await runScan({ repo: `file://${bare}`, paths: ['apps'], kubeconfig, explain: false, env: { PATH: process.env.PATH }, cwd: dir });
        scans.push(performance.now() - start);
        scanCpu.push(cpuMs() - cpu);
        const s = outcome.report.summary;
        summary = `${s.objects} objects, ${s.inSync} in sync, ${outcome.problems.length} problems`;
      };
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          await build();
          await scan();
        } else {
          await scan();
          await build();
        }
      }
      const added = median(scans) / median(builds) - 1;
      const paired = median(scans.map((scanMs, round) => scanMs / builds[round]! - 1));
      console.log(`[kustomize] ${roots} roots x ${objectsPerRoot} objects (base + overlay: namespace, prefix, images, replicas, a patch, a generator) with ${binary.label}, ${concurrency} at once, median of ${rounds} alternating runs (load average ${loadavg()[0]!.toFixed(1)})`);
      console.log(`  bare kustomize builds         : ${(median(builds) / 1000).toFixed(2)} s  (${builds.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`);
      console.log(`  driftback scan (${summary}) : ${(median(scans) / 1000).toFixed(2)} s  (${scans.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`);
      console.log(`  the scan adds to the builds   : ${(added * 100).toFixed(1)}%  (target <= 50%) ${added <= 0.5 ? 'OK' : 'OVER TARGET'}; median of the rounds' own ratios ${(paired * 100).toFixed(1)}%`);
      if (buildCpu.every((ms) => ms > 0)) {
        const cpuAdded = median(scanCpu) / median(buildCpu) - 1;
        console.log(`  processor time (this process and its children, less sensitive to other load): builds ${(median(buildCpu) / 1000).toFixed(2)} s, scan ${(median(scanCpu) / 1000).toFixed(2)} s: +${(cpuAdded * 100).toFixed(1)}%`);
      }
      console.log('');
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Processor time of this process and of its ended children (the kustomize processes), in ms;
 * 0 where /proc is missing. The scan's includes the in-process stand-in API server it lists from.
 */
function cpuMs(): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function appDir(app: number): string {
  return `apps/app-${String(app).padStart(2, '0')}`;
}

/** One application: a base of `count - 1` objects in three files and a prod overlay that adds a generated ConfigMap. */
async function writeApp(work: string, app: number, count: number): Promise<void> {
  const base = join(work, appDir(app), 'base');
  const prod = join(work, appDir(app), 'overlays/prod');
  await mkdir(base, { recursive: true });
  await mkdir(prod, { recursive: true });
  const workloads = Math.floor((count - 1) / 3);
  const deployments: string[] = [];
  const services: string[] = [];
  const configMaps: string[] = [];
  for (let i = 0; i < workloads; i++) {
    deployments.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-${i}
  labels: {app: worker-${i}}
spec:
  replicas: 1
  selector: {matchLabels: {app: worker-${i}}}
  template:
    metadata: {labels: {app: worker-${i}}}
    spec:
      containers:
        - name: main
          image: ghcr.io/acme/worker:1.0.0
          args: [--queue, q-${i}]
          resources: {requests: {cpu: 100m, memory: 128Mi}}
`);
    services.push(`apiVersion: v1
kind: Service
metadata:
  name: worker-${i}
spec:
  selector: {app: worker-${i}}
  ports: [{port: 80, targetPort: 8080}]
`);
  }
  for (let i = 0; i < count - 1 - 2 * workloads; i++) {
    configMaps.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${i}
data:
  LOG_LEVEL: info
  SHARD: "${i}"
`);
  }
  await writeFile(join(base, 'deployments.yaml'), deployments.join('---\n'));
  await writeFile(join(base, 'services.yaml'), services.join('---\n'));
  await writeFile(join(base, 'config.yaml'), configMaps.join('---\n'));
  await writeFile(join(base, 'kustomization.yaml'), 'resources:\n  - deployments.yaml\n  - services.yaml\n  - config.yaml\n');
  await writeFile(join(prod, 'resources.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker-0\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          resources: {limits: {memory: 256Mi}}\n');
  await writeFile(
    join(prod, 'kustomization.yaml'),
    `namespace: app-${app}
namePrefix: prod-
resources:
  - ../../base
images:
  - name: ghcr.io/acme/worker
    newTag: 1.0.1
replicas:
  - name: worker-0
    count: 3
patches:
  - path: resources.yaml
configMapGenerator:
  - name: flags
    literals: [CHECKOUT_V2=true]
`,
  );
}
