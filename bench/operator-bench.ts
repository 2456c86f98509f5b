import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseAllDocuments, stringify } from 'yaml';
import { connectCluster, createClusterPort } from '../src/cluster/index.js';
import { systemClock } from '../src/controller/clock.js';
import { createOperatorDeps } from '../src/controller/create-operator-deps.js';
import { createLogger } from '../src/controller/logger.js';
import { createMetrics } from '../src/controller/metrics.js';
import { Operator } from '../src/controller/operator.js';
import { objectKey } from '../src/model/object-ref.js';
import { writeKubeconfig } from '../src/standin/index.js';
import { listPaths, timeLists } from './floor.js';
import { mib, percentile } from './measure.js';
import { generatePairs } from './workload.js';
import { DEFAULT_TENANT_POLICY } from '../src/controller/tenant-policy.js';

const DOCS_PER_FILE = 100;

/**
 * What the bench needs of the workload: its size, its lists and the objects' names. The objects
 * themselves are let go, so that they do not weigh on the heap the operator's GC walks.
 */
function workloadSummary(count: number) {
  const pairs = generatePairs(count);
  return {
    rawJson: pairs.reduce((n, p) => n + Buffer.byteLength(JSON.stringify(p.live)), 0),
    lists: listPaths(pairs.map((p) => p.git)),
    targets: pairs.map(({ git }) => ({
      kind: git.kind,
      namespace: git.metadata.namespace,
      name: git.metadata.name,
      key: objectKey({ apiVersion: git.apiVersion, kind: git.kind, namespace: git.metadata.namespace, name: git.metadata.name }),
    })),
  };
}

export async function startStandInProcess(count: number, driftEvery = 10): Promise<{ url: string; stop(): void }> {
  const child = fork(join(import.meta.dirname, 'standin-child.js'), [String(count), String(driftEvery)], { execArgv: ['--max-old-space-size=8192'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  return { url, stop: () => child.send({ stop: true }) };
}

export async function createRepository(dir: string, count: number, docsPerFile = DOCS_PER_FILE): Promise<string> {
  const work = join(dir, 'work');
  const bare = join(dir, 'infra.git');
  await mkdir(join(work, 'clusters'), { recursive: true });
  const gits = generatePairs(count).map((p) => p.git);
  for (let f = 0; f * docsPerFile < gits.length; f++) {
    const docs = gits.slice(f * docsPerFile, (f + 1) * docsPerFile).map((g) => stringify(g));
    await writeFile(join(work, 'clusters', `objects-${String(f).padStart(5, '0')}.yaml`), docs.join('---\n'));
  }
  pushToBareRepository(work, bare);
  return bare;
}

/** Commits everything in `work` and pushes it to a new bare repository `bare` on main. */
export function pushToBareRepository(work: string, bare: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { stdio: 'ignore' });
  git('init', '--quiet', '--bare', '--initial-branch=main', bare);
  git('-C', work, 'init', '--quiet', '--initial-branch=main');
  git('-C', work, 'add', '.');
  git('-C', work, 'commit', '--quiet', '-m', 'bench');
  git('-C', work, 'push', '--quiet', bare, 'HEAD:main');
}

async function post(url: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

async function installCrds(url: string): Promise<void> {
  const dir = join(import.meta.dirname, '../../crds');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) await post(url, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', doc.toJS());
  }
}

function heapAfterGc(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

/** 10,000 watched objects through the real HTTP list-watch: memory per object and event → verdict latency. */
export async function benchOperator(count: number, modifications: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'driftback-bench-'));
  const standin = await startStandInProcess(count);
  const { rawJson, lists, targets } = workloadSummary(count);
  let operator: Operator | undefined;
  try {
    const repo = await createRepository(dir, count);
    await installCrds(standin.url);
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, standin);
    const connection = await connectCluster({ kubeconfig, env: {} });

    const waiters = new Map<string, (latency: { eventMs: number; at: number }) => void>();
    const deps = createOperatorDeps({
      // Local bare repositories: the file transport a production operator refuses.
      tenantPolicy: { ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] },
      cluster: createClusterPort(connection),
      metrics: createMetrics(),
      log: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }),
      clock: systemClock,
      tempDir: dir,
    });
    const listings: number[] = [];
    for (let round = 0; round < 3; round++) listings.push(await timeLists(standin.url, lists));
    const listMs = listings.sort((a, b) => a - b)[1]!;
    const before = heapAfterGc();
    operator = new Operator(
      { ...deps, onVerdict: (key, _result, eventMs) => waiters.get(key)?.({ eventMs, at: performance.now() }) },
      { leaseNamespace: 'default', leaseName: 'bench', identity: 'bench', controller: { workers: 4, debounceMs: 2000, syncTimeoutMs: 600_000 } },
    );
    const started = performance.now();
    await operator.start();
    await post(standin.url, '/apis/driftback.dev/v1alpha1/namespaces/default/driftwatches', {
      apiVersion: 'driftback.dev/v1alpha1',
      kind: 'DriftWatch',
      metadata: { name: 'bench', namespace: 'default' },
      spec: { source: { repo: `file://${repo}` }, interval: '1h', policies: ['builtin:hardening'] },
    });
    for (;;) {
      const runtime = operator.activeController?.runtime('default', 'bench');
      if (runtime && operator.activeController?.ready && runtime.result(targets.at(-1)!.key)) break;
      // Polled often: the wait between polls counts in the sync time.
      await new Promise((r) => setTimeout(r, 5));
    }
    const syncedMs = performance.now() - started;
    const retained = heapAfterGc() - before;

    const eventLatencies: number[] = [];
    const endToEnd: number[] = [];
    for (let m = 0; m < modifications; m++) {
      const { kind, namespace, name, key } = targets[(m * 7919) % count]!;
      const resource = { Deployment: 'apis/apps/v1', StatefulSet: 'apis/apps/v1', Service: 'api/v1', ConfigMap: 'api/v1' }[kind]!;
      const plural = `${kind.toLowerCase()}s`;
      const verdict = new Promise<{ eventMs: number; at: number }>((resolve) => waiters.set(key, resolve));
      const sent = performance.now();
      const response = await fetch(`${standin.url}/${resource}/namespaces/${namespace}/${plural}/${name}?fieldManager=kubectl-edit`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { labels: { 'bench-edit': `m${m}` } } }),
      });
      if (!response.ok) throw new Error(`PATCH ${name}: ${response.status}`);
      const { eventMs, at } = await verdict;
      waiters.delete(key);
      eventLatencies.push(eventMs);
      endToEnd.push(at - sent);
    }
    eventLatencies.sort((a, b) => a - b);
    endToEnd.sort((a, b) => a - b);
    const p99 = percentile(eventLatencies, 99);
    console.log(`[operator] ${count} watched objects (${mib(rawJson)} of raw JSON as the API server returns them), list-watch over HTTP`);
    const beyondListMs = syncedMs - listMs;
    console.log(`  initial list + baseline + compare : ${(syncedMs / 1000).toFixed(2)} s; one GET of each list alone ${(listMs / 1000).toFixed(2)} s (median of 3)`);
    console.log(`  initial sync beyond the listing   : ${(beyondListMs / 1000).toFixed(2)} s  (target <= 2 s) ${beyondListMs <= 2000 ? 'OK' : 'OVER TARGET'}`);
    console.log(`  heap retained by the operator     : ${mib(retained)} = ${(retained / count / 1024).toFixed(2)} KiB/object = ${(retained / rawJson).toFixed(2)}x raw JSON (target <= 2.5x) ${retained / rawJson <= 2.5 ? 'OK' : 'OVER TARGET'}`);
    console.log(`  event -> verdict over ${modifications} modifications: p50 ${percentile(eventLatencies, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target p99 < 50 ms) ${p99 < 50 ? 'OK' : 'OVER TARGET'}`);
    console.log(`  PATCH sent -> verdict (incl. API server and watch stream): p50 ${percentile(endToEnd, 50).toFixed(2)} ms, p99 ${percentile(endToEnd, 99).toFixed(2)} ms`);
  } finally {
    await operator?.stop();
    standin.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
