import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScan } from '../src/scan/index.js';
import { writeKubeconfig } from '../src/standin/index.js';
import { measureFloor, listPaths, type Floor } from './floor.js';
import { median, mib } from './measure.js';
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

function scanInChild({ repo, kubeconfig, dir }: Stand): Promise<ChildScan> {
  const child = fork(join(import.meta.dirname, 'scan-child.js'), [`file://${repo}`, kubeconfig, dir], { execArgv: [] });
  return new Promise<ChildScan>((resolve, reject) => {
    child.once('message', (m: ChildScan) => resolve(m));
    child.once('exit', (code) => reject(new Error(`scan exited with ${code}`)));
  });
}

/**
 * A large scan against a small one, each alone in a fresh process, alternating for `rounds`
 * rounds: time (the medians compared) and the largest peak RSS.
 */
export async function benchScanScale(small: number, large: number, rounds = 3): Promise<void> {
  const [a, b] = await withStand(small, (smallStand) =>
    withStand(large, async (largeStand) => {
      const runs: [ChildScan[], ChildScan[]] = [[], []];
      for (let round = 0; round < rounds; round++) {
        runs[0].push(await scanInChild(smallStand));
        runs[1].push(await scanInChild(largeStand));
      }
      return runs;
    }),
  );
  const summary = (scans: ChildScan[]) => ({
    ...scans[0]!,
    ms: median(scans.map((s) => s.ms)),
    maxRssBytes: Math.max(...scans.map((s) => s.maxRssBytes)),
    all: scans.map((s) => seconds(s.ms)).join(', '),
  });
  const [x, y] = [summary(a), summary(b)];
  const ratio = y.ms / x.ms;
  console.log(`[scan scale] ${small} and ${large} objects, each scan alone in a fresh process, median of ${rounds} alternating runs`);
  console.log(`  ${small} objects : ${seconds(x.ms)} (${x.all}), peak RSS ${mib(x.maxRssBytes)} (${x.objects} read, ${x.drifted} drifted)`);
  console.log(`  ${large} objects : ${seconds(y.ms)} (${y.all}), peak RSS ${mib(y.maxRssBytes)} (${y.objects} read, ${y.drifted} drifted)`);
  console.log(`  time ${large} / ${small}     : ${ratio.toFixed(2)}x  (target <= 5.5x) ${ratio <= 5.5 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak RSS at ${large}       : ${mib(y.maxRssBytes)}  (target <= 1536.0 MiB) ${y.maxRssBytes <= MAX_RSS_BYTES ? 'OK' : 'OVER TARGET'}\n`);
}
