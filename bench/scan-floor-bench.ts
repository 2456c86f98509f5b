import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScan } from '../src/scan/index.js';
import { writeKubeconfig } from '../src/standin/index.js';
import { measureFloor, listPaths, type Floor } from './floor.js';
import { mib } from './measure.js';
import { createRepository, startStandInProcess } from './operator-bench.js';
import { generatePairs } from './workload.js';

/** The workload: plain manifests, four to a file (2,500 files for 10,000 objects), 1% drifted. */
const DOCS_PER_FILE = 4;
const DRIFT_EVERY = 100;
const MAX_RSS_BYTES = 1.5 * 1024 ** 3;

interface Stand {
  repo: string;
  kubeconfig: string;
  url: string;
  dir: string;
}

async function withStand<T>(count: number, work: (stand: Stand) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'driftback-bench-floor-'));
  const standin = await startStandInProcess(count, DRIFT_EVERY);
  try {
    const repo = await createRepository(dir, count, DOCS_PER_FILE);
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, standin);
    return await work({ repo, kubeconfig, url: standin.url, dir });
  } finally {
    standin.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `scan / floor` for `count` objects, floor and scan alternating in one run; the medians are compared. */
export async function benchScanAgainstFloor(count: number, rounds = 3): Promise<void> {
  await withStand(count, async ({ repo, kubeconfig, url, dir }) => {
    const paths = listPaths(generatePairs(count).map((p) => p.git));
    const floors: Floor[] = [];
    const scans: number[] = [];
    let drifted = 0;
    for (let round = 0; round < rounds; round++) {
      floors.push(await measureFloor(repo, url, paths));
      global.gc?.();
      const start = performance.now();
      const outcome = await runScan({ repo: `file://${repo}`, paths: [], kubeconfig, explain: false, env: {}, cwd: dir });
      scans.push(performance.now() - start);
      drifted = outcome.report.summary.drifted;
    }
    const floor = median(floors.map((f) => f.totalMs));
    const ratio = median(scans) / floor;
    console.log(`[scan vs floor] ${count} objects in ${Math.ceil(count / DOCS_PER_FILE)} files, ${drifted} drifted, median of ${rounds} alternating runs`);
    console.log(`  floor: shallow clone ${seconds(median(floors.map((f) => f.cloneMs)))} + one GET of each of ${paths.length} lists ${seconds(median(floors.map((f) => f.listMs)))} = ${seconds(floor)}`);
    console.log(`  driftback scan                : ${seconds(median(scans))}`);
    console.log(`  ratio scan / floor            : ${ratio.toFixed(2)}x  (target <= 3x) ${ratio <= 3 ? 'OK' : 'OVER TARGET'}\n`);
  });
}

interface ChildScan {
  ms: number;
  maxRssBytes: number;
  objects: number;
  drifted: number;
}

async function scanInChild(count: number): Promise<ChildScan> {
  return withStand(count, ({ repo, kubeconfig, dir }) => {
    const child = fork(join(import.meta.dirname, 'scan-child.js'), [`file://${repo}`, kubeconfig, dir], { execArgv: [] });
    return new Promise<ChildScan>((resolve, reject) => {
      child.once('message', (m: ChildScan) => resolve(m));
      child.once('exit', (code) => reject(new Error(`scan exited with ${code}`)));
    });
  });
}

/** A large scan against a small one, each alone in a fresh process: time and peak RSS. */
export async function benchScanScale(small: number, large: number): Promise<void> {
  const a = await scanInChild(small);
  const b = await scanInChild(large);
  const ratio = b.ms / a.ms;
  console.log(`[scan scale] ${small} and ${large} objects, each scan alone in a fresh process`);
  console.log(`  ${small} objects : ${seconds(a.ms)}, peak RSS ${mib(a.maxRssBytes)} (${a.objects} read, ${a.drifted} drifted)`);
  console.log(`  ${large} objects : ${seconds(b.ms)}, peak RSS ${mib(b.maxRssBytes)} (${b.objects} read, ${b.drifted} drifted)`);
  console.log(`  time ${large} / ${small}     : ${ratio.toFixed(2)}x  (target <= 5.5x) ${ratio <= 5.5 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak RSS at ${large}       : ${mib(b.maxRssBytes)}  (target <= 1536.0 MiB) ${b.maxRssBytes <= MAX_RSS_BYTES ? 'OK' : 'OVER TARGET'}\n`);
}
