import { cpus, loadavg, totalmem } from 'node:os';
import { compareObjects } from '../src/diff/index.js';
import type { Change } from '../src/model/drift.js';
import { builtinPolicy, classifyDrift, compilePolicies, parsePolicyDocuments } from '../src/policy/index.js';
import { CUSTOM_POLICY_YAML } from './custom-policies.js';
import { mib, time, withPeakMemory } from './measure.js';
import { benchKustomize } from './kustomize-bench.js';
import { benchOperator } from './operator-bench.js';
import { benchScan } from './scan-bench.js';
import { benchScanAgainstFloor, benchScanScale } from './scan-floor-bench.js';
import { generatePairs, liveObjects } from './workload.js';

const OBJECTS = 10_000;

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} x ${cpu}, ${mib(totalmem())} RAM, Node ${process.version}, ${process.platform}/${process.arch}, ${load()}`;
}

/** The machine is shared: how busy it was tells how far absolute times are inflated. */
function load(): string {
  return `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
}

async function benchCompare() {
  const pairs = generatePairs(OBJECTS);
  const json = JSON.stringify(liveObjects(pairs));
  const parse = time(() => void JSON.parse(json));
  let drifted = 0;
  const { result: compare, peakRss, peakHeap } = await withPeakMemory(() =>
    time(() => {
      drifted = 0;
      for (const pair of pairs) if (compareObjects(pair.live, pair.git).changes.length > 0) drifted++;
    }),
  );
  return { bytes: json.length, parse, compare, drifted, peakRss, peakHeap };
}

function benchPolicy(compareMs: number) {
  const pairs = generatePairs(OBJECTS, 1);
  const inputs = pairs.map((p) => ({ object: p.live, oldObject: p.git, changes: compareObjects(p.live, p.git).changes as Change[] }));
  const custom = parsePolicyDocuments(CUSTOM_POLICY_YAML, 'bench-guardrails.yaml');
  const set = compilePolicies([...builtinPolicy('hardening')!, ...custom]);
  const rules = set.rules.length;
  let violating = 0;
  const policy = time(() => {
    violating = 0;
    for (const input of inputs) if (classifyDrift(set, input).verdict === 'violating') violating++;
  });
  return { rules, drifted: inputs.filter((i) => i.changes.length > 0).length, violating, policy, shareOfCompare: policy.medianMs / compareMs };
}

/** `npm run bench -- kustomize scan` runs only those parts; no argument runs every part. */
const PARTS = ['compare', 'scan', 'operator', 'kustomize'] as const;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new Error(`unknown benchmark part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  const runs = (part: (typeof PARTS)[number]) => asked.length === 0 || asked.includes(part);
  console.log(`driftback benchmark — ${machine()}`);
  console.log(`command: npm run bench${asked.length ? ` -- ${asked.join(' ')}` : ''}\n`);

  if (runs('compare')) await benchCompareAndPolicy();
  if (runs('scan')) {
    await benchScan(OBJECTS);
    await benchScanAgainstFloor(OBJECTS);
    await benchScanScale(OBJECTS, 5 * OBJECTS);
  }
  if (runs('operator')) await benchOperator(OBJECTS, 1_000);
  if (runs('kustomize')) await benchKustomize();
  console.log(`done; ${load()}`);
}

async function benchCompareAndPolicy(): Promise<void> {
  const c = await benchCompare();
  const ratio = c.compare.medianMs / c.parse.medianMs;
  console.log(`[compare] ${OBJECTS} live objects (${mib(c.bytes)} of JSON) against their manifests, ${c.drifted} drifted`);
  console.log(`  JSON.parse of the same bytes : ${c.parse.medianMs.toFixed(1)} ms (median of ${c.parse.runs})`);
  console.log(`  normalize + diff              : ${c.compare.medianMs.toFixed(1)} ms (median of ${c.compare.runs}), ${((c.compare.medianMs * 1000) / OBJECTS).toFixed(1)} µs/object`);
  console.log(`  ratio compare / JSON.parse    : ${ratio.toFixed(2)}x  (target <= 3x) ${ratio <= 3 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak RSS ${mib(c.peakRss)}, peak heap ${mib(c.peakHeap)}\n`);

  const p = benchPolicy(c.compare.medianMs);
  console.log(`[policy] ${p.drifted} drifted objects against builtin:hardening + 20 custom rules (${p.rules} rules), ${p.violating} violating`);
  console.log(`  classify                      : ${p.policy.medianMs.toFixed(1)} ms (median of ${p.policy.runs}), ${((p.policy.medianMs * 1000) / OBJECTS).toFixed(1)} µs/object`);
  console.log(`  policy / compare alone        : ${(p.shareOfCompare * 100).toFixed(1)}%  (the in-memory compare step only; the whole scan follows)\n`);
}

await main();
