import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPolicySources, runScan, type ScanOptions } from '../src/scan/index.js';
import { writeKubeconfig } from '../src/standin/index.js';
import { CUSTOM_POLICY_YAML } from './custom-policies.js';
import { median } from './measure.js';
import { createRepository, startStandInProcess } from './operator-bench.js';

/**
 * The measure taken literally: what policy adds to a whole `scan` (clone, YAML, list over
 * HTTP, compare, policy) of 10,000 objects that have all drifted. Runs alternate, with and
 * without policies, and the medians are compared.
 */
export async function benchScan(count: number, rounds = 5): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'driftback-bench-scan-'));
  const standin = await startStandInProcess(count, 1);
  try {
    const repo = await createRepository(dir, count);
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, standin);
    const policyFile = join(dir, 'bench-guardrails.yaml');
    await writeFile(policyFile, CUSTOM_POLICY_YAML);
    const policies = await loadPolicySources(['builtin:hardening', policyFile], dir);
    const options: ScanOptions = { repo: `file://${repo}`, paths: [], kubeconfig, explain: false, env: {}, cwd: dir };
    const without: number[] = [];
    const withPolicies: number[] = [];
    let drifted = 0;
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      await runScan(options);
      without.push(performance.now() - start);
      start = performance.now();
      const outcome = await runScan({ ...options, policies });
      withPolicies.push(performance.now() - start);
      drifted = outcome.report.summary.drifted;
    }
        const added = median(withPolicies) / median(without) - 1;
    console.log(`[scan] driftback scan of ${count} objects (${drifted} drifted) over HTTP, median of ${rounds} alternating runs`);
    console.log(`  without policies              : ${(median(without) / 1000).toFixed(2)} s`);
    console.log(`  with builtin:hardening + 20   : ${(median(withPolicies) / 1000).toFixed(2)} s`);
    console.log(`  policy adds to the scan       : ${(added * 100).toFixed(1)}%  (target < 25%) ${added < 0.25 ? 'OK' : 'OVER TARGET'}\n`);
  } finally {
    standin.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
