/**
 * A fault-injection soak of the operator: hand edits over many objects while watches drop, the
 * API server compacts, fails and restarts, GitHub fails and rate-limits, a person pushes to the
 * pull-request branch, and operator replicas are killed, also in the middle of a pull-request
 * update. Reproducible from a seed; every count is printed at the end. Used by the e2e soak test
 * (short) and `npm run soak` (full).
 */
import { parse } from 'yaml';
import type { KubeObject } from '../../src/model/index.js';
import { eventually } from './operator-wait.js';
import { createOperatorWorld, SYSTEM_NAMESPACE, type OperatorWorld } from './operator-world.js';
import { startReplica, type Replica } from './operator-replica.js';

export interface SoakOptions {
  seed: number;
  /** Hand edits to make in all (at least). */
  edits: number;
  /** ConfigMaps in the repository that edits pick from. */
  objects: number;
  /** How long each round may take to show its edits in the pull request. */
  roundDeadlineMs?: number;
}

export const FAULTS = [
  'watches-dropped',
  'compaction-410',
  'api-5xx-burst',
  'watch-stall',
  'api-server-restart',
  'github-5xx',
  'github-rate-limit',
  'github-secondary-rate-limit',
  'github-422-duplicate',
  'person-push',
  'operator-killed',
  'failover-mid-update',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface SoakReport {
  seed: number;
  rounds: number;
  editsMade: number;
  editsReported: number;
  missed: number;
  duplicatePullRequests: number;
  staleAtEnd: number;
  crashes: number;
  secretLeaks: number;
  rssStartMiB: number;
  rssEndMiB: number;
  rssGrowthPct: number;
  faults: Record<Fault, number>;
  seconds: number;
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const configFile = (i: number) => `clusters/prod/config-${i}.yaml`;
const configName = (i: number) => `config-${i}`;
const SECRET_FILE = 'clusters/prod/db-credentials.yaml';

function repositoryFiles(objects: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < objects; i++) {
    files[configFile(i)] = `# settings ${i}, kept in Git\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${configName(i)}\n  namespace: shop\ndata:\n  value: git-${i} # the baseline\n`;
  }
  files[SECRET_FILE] = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: shop\nstringData:\n  password: soak-initial-password-0000\n';
  return files;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const files = repositoryFiles(options.objects);
  const world = await createOperatorWorld({ repository: { files, applied: Object.values(files), paths: ['clusters/prod'] }, interval: '10s' });
  const faults = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const replicas: Replica[] = [];
  const secrets = new Set(['soak-initial-password-0000']);
  let crashes = 0;
  const onCrash = () => void crashes++;
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const expected = new Map<number, string>();
  let replicaCount = 0;
  let active!: Replica;
  const startNext = async () => {
    active = await startReplica(world, `soak-${++replicaCount}`);
    replicas.push(active);
  };
  /** SIGKILL: the replica is cut off at once (no Lease handed back); its memory goes with it, as a process's would. */
  const kill = async () => {
    const victim = active;
    await victim.sever();
    await startNext();
    await victim.stop().catch(() => undefined);
    readLogs(victim);
    replicas.splice(replicas.indexOf(victim), 1);
  };
  let fatalLines = 0;
  const logText: string[] = [];
  /** Takes a replica's log lines out of memory: crash lines are counted, the text kept for the leak check only as a joined string per round. */
  const readLogs = (replica: Replica) => {
    const lines = replica.logs.splice(0);
    fatalLines += lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 60).length;
    const text = lines.join('\n');
    for (const secret of secrets) if (text.includes(secret) || text.includes(Buffer.from(secret).toString('base64'))) logText.push(secret);
  };
  /** RSS with garbage collected (npm run soak exposes gc) and the stand-ins' request logs emptied: what the run retains. */
  const settledRss = () => {
    world.apiServer.requests.splice(0);
    world.github.requests.splice(0);
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().rss;
  };

  try {
    await startNext();
    await eventually('the DriftWatch Ready', () => statusOf(world).conditions?.some((c) => c.type === 'Ready' && c.status === 'True'), 30_000, 50);
    let rounds = 0;
    let made = 0;
    let reported = 0;
    let missed = 0;
    let duplicates = 0;
    let rssStart = 0;

    // Every fault once, in an order drawn from the seed, then at random.
    const firstPass = [...FAULTS].sort(() => next() - 0.5);
    while (made < options.edits) {
      rounds++;
      const fault = firstPass.shift() ?? (next() < 0.6 ? pick(FAULTS) : undefined);
      if (fault) {
        faults[fault]++;
        await injectBefore(fault);
      }
      const count = Math.min(options.edits - made, 4 + Math.floor(next() * 8));
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, options.objects)) chosen.add(Math.floor(next() * options.objects));
      for (const i of chosen) {
        const value = `hand-${rounds}-${i}`;
        await world.kubectl.mergePatch(configMapRef(i), { data: { value } }, 'kubectl-edit');
        expected.set(i, value);
        made++;
      }
      if (next() < 0.15) {
        const password = `soak-rotated-${options.seed}-${rounds}-${Math.floor(next() * 1e9)}`;
        secrets.add(password);
        await world.kubectl.mergePatch({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials', namespace: 'shop' } }, { stringData: { password } }, 'kubectl-edit');
      }
      if (fault) await injectAfter(fault);

      const shown = await waitForPullRequest(options.roundDeadlineMs ?? 30_000);
      reported += shown ? chosen.size : chosen.size - unshown().length;
      missed += shown ? 0 : unshown().filter((i) => chosen.has(i)).length;
      duplicates = Math.max(duplicates, openPullRequests().length - 1);
      readLogs(active);
      // Steady state is after the first pass over every fault (caches, JIT, git's first clones).
      if (rounds === FAULTS.length) rssStart = settledRss();
      else if (rounds % 10 === 0) settledRss();
    }
    await waitForPullRequest(60_000);
    const staleAtEnd = unshown().length;
    readLogs(active);
    const rssEnd = settledRss();
    const baseRss = rssStart || rssEnd;
    return {
      seed: options.seed,
      rounds,
      editsMade: made,
      editsReported: reported,
      missed,
      duplicatePullRequests: duplicates,
      staleAtEnd,
      crashes: crashes + fatalLines,
      secretLeaks: leaks(),
      rssStartMiB: mib(baseRss),
      rssEndMiB: mib(rssEnd),
      rssGrowthPct: Math.round(((rssEnd - baseRss) / baseRss) * 1000) / 10,
      faults,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    for (const replica of replicas) await replica.stop().catch(() => undefined);
    await world.cleanup();
  }

  function configMapRef(i: number): Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'> {
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configName(i), namespace: 'shop' } };
  }

  function openPullRequests() {
    return world.github.pulls.filter((pr) => pr.state === 'open');
  }

  /** Objects whose last hand edit the open pull request's branch does not hold. */
  function unshown(): number[] {
    const [pr, ...more] = openPullRequests();
    if (!pr || more.length > 0) return [...expected.keys()];
    return [...expected.entries()]
      .filter(([i, value]) => {
        try {
          return (parse(world.repo.show(pr.head, configFile(i))) as { data?: { value?: string } }).data?.value !== value;
        } catch {
          return true;
        }
      })
      .map(([i]) => i);
  }

  async function waitForPullRequest(deadlineMs: number): Promise<boolean> {
    try {
      await eventually('the pull request to show every hand edit', () => unshown().length === 0, deadlineMs, 100);
      return true;
    } catch {
      return false;
    }
  }

  async function injectBefore(fault: Fault): Promise<void> {
    const { apiServer, github } = world;
    const pulls = /^\/repos\/acme\/infra\/pulls\/\d+$/;
    switch (fault) {
      case 'watches-dropped':
        return apiServer.faults.closeWatches();
      case 'compaction-410':
        apiServer.faults.compact();
        return apiServer.faults.closeWatches();
      case 'watch-stall':
        return apiServer.faults.stallWatches();
      case 'api-server-restart':
        await apiServer.stop();
        await new Promise((done) => setTimeout(done, 300));
        return apiServer.restart();
      case 'github-5xx':
        return github.fail({ method: 'PATCH', path: pulls, status: 502, times: 2 });
      case 'github-rate-limit':
        return github.fail({
          method: 'PATCH',
          path: pulls,
          status: 429,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2) },
          body: { message: 'API rate limit exceeded for installation ID 42.' },
        });
      case 'github-secondary-rate-limit':
        return github.fail({ method: 'PATCH', path: pulls, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } });
      case 'github-422-duplicate':
        return github.fail({
          method: 'POST',
          path: '/repos/acme/infra/pulls',
          status: 422,
          body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:driftback.' }] },
        });
      case 'operator-killed':
        return kill();
      default:
        return;
    }
  }

  async function injectAfter(fault: Fault): Promise<void> {
    // After the edits, so the burst meets the operator's reads and writes, not the person's edit.
    if (fault === 'api-5xx-burst') return world.apiServer.faults.failNext(5, 503);
    if (fault === 'failover-mid-update') {
      // Past the debounce, while the pull request is being pushed or updated.
      await new Promise((done) => setTimeout(done, 200 + Math.floor(next() * 400)));
      return kill();
    }
    if (fault !== 'person-push') return;
    const [pr] = openPullRequests();
    if (!pr) return;
    const file = configFile(0);
    world.repo.pushAsPerson(pr.head, file, `${world.repo.show(pr.head, file)}# a person's note\n`);
    // The operator says so in status; the person then lets it start over, as the PR comment asks.
    await eventually('the blocked pull request in status', () => statusOf(world).pullRequests?.some((p) => p.blocked), 30_000, 100).catch(() => undefined);
    pr.state = 'closed';
    world.repo.run(['branch', '-D', pr.head]);
  }

  function leaks(): number {
    const outputs = [
      JSON.stringify(world.events('shop')),
      JSON.stringify(world.events(SYSTEM_NAMESPACE)),
      JSON.stringify(world.driftWatch()),
      JSON.stringify(world.github.pulls),
      ...world.github.pulls.map((pr) => world.repo.diff(pr.head)),
    ].join('\n');
    let found = logText.length;
    for (const secret of secrets) {
      for (const spelling of [secret, Buffer.from(secret).toString('base64')]) if (outputs.includes(spelling)) found++;
    }
    return found;
  }
}

function statusOf(world: OperatorWorld): { conditions?: Array<{ type: string; status: string }>; pullRequests?: Array<{ blocked?: string }> } {
  return (world.driftWatch()?.status ?? {}) as ReturnType<typeof statusOf>;
}

export function formatSoakReport(report: SoakReport): string {
  const rows: [string, string | number, string][] = [
    ['edits made', report.editsMade, ''],
    ['edits reported', report.editsReported, ''],
    ['edits missed', report.missed, 'must be 0'],
    ['duplicate pull requests', report.duplicatePullRequests, 'must be 0'],
    ['pull request content differing from the final drift', report.staleAtEnd, 'must be 0'],
    ['crashes', report.crashes, 'must be 0'],
    ['secret values in any output', report.secretLeaks, 'must be 0'],
    ['RSS after warm-up -> end (MiB)', `${report.rssStartMiB} -> ${report.rssEndMiB} (${report.rssGrowthPct}%)`, 'at most 10%'],
    ['rounds / seconds', `${report.rounds} / ${report.seconds}`, ''],
    ...Object.entries(report.faults).map(([fault, n]): [string, number, string] => [`fault: ${fault}`, n, '']),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [`soak, seed ${report.seed}`, ...rows.map(([name, value, target]) => `  ${name.padEnd(width)}  ${String(value).padStart(14)}  ${target}`)].join('\n');
}
