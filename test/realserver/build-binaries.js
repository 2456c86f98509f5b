// Jest global setup of the real-server tier: builds kube-apiserver and etcd once (the script
// reuses cached binaries) before any suite starts, so parallel workers never build twice.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';

export default function buildRealServerBinaries() {
  const script = join(import.meta.dirname, 'build/build-binaries.sh');
  const build = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (build.error || build.status !== 0) {
    throw new Error(`the real kube-apiserver test tier needs its binaries: ${script} failed (${build.error?.message ?? `exit ${build.status}`})`);
  }
  process.env.DRIFTBACK_REALSERVER_BIN = build.stdout.trim().split('\n').pop();
}
