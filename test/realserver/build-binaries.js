// Jest global setup of the real-server tier: builds kube-apiserver and etcd, and helm for the
// chart tests, once (the scripts reuse cached binaries) before any suite starts, so parallel
// workers never build twice.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';

/** Runs a build script and returns the last line it prints: where its output is. */
function build(script, what) {
  const run = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(`the real kube-apiserver test tier needs ${what}: ${script} failed (${run.error?.message ?? `exit ${run.status}`})`);
  }
  return run.stdout.trim().split('\n').pop();
}

export default function buildRealServerBinaries() {
  process.env.DRIFTBACK_REALSERVER_BIN = build(join(import.meta.dirname, 'build/build-binaries.sh'), 'its binaries');
  process.env.DRIFTBACK_HELM = build(join(import.meta.dirname, '../tools/helm/build-helm.sh'), 'helm');
}
