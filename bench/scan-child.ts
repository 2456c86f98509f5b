import { performance } from 'node:perf_hooks';
import { runScan } from '../src/scan/index.js';

// One scan in a process of its own, so that its peak RSS is the scan's alone.
const [repo, kubeconfig, cwd] = process.argv.slice(2) as [string, string, string];
const start = performance.now();
const outcome = await runScan({ repo, paths: [], kubeconfig, explain: false, env: {}, cwd });
const ms = performance.now() - start;
process.send?.({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, objects: outcome.baseline.manifests.length, drifted: outcome.report.summary.drifted }, () =>
  process.exit(0),
);
