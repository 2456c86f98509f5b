import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildCli } from '../../support/cli-harness.js';
import { eventually } from '../../support/operator-wait.js';
import { createOperatorWorld, GITHUB_TOKEN, SYSTEM_NAMESPACE, type OperatorWorld } from '../../support/operator-world.js';

const ROOT = resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function get(url: string): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}

describe('driftback run as a process', () => {
  let world: OperatorWorld;
  let build: { cli: string; cleanup(): void };

  beforeAll(async () => {
    build = buildCli();
    world = await createOperatorWorld();
  }, 180_000);

  afterAll(async () => {
    await world?.cleanup();
    build?.cleanup();
  });

  it('serves probes and metrics, turns a hand edit into a pull request, and exits 0 on SIGTERM after releasing the Lease', async () => {
    const port = await freePort();
    let stdout = '';
    let stderr = '';
    const child: ChildProcess = spawn(
      join(ROOT, 'node_modules/.bin/node'),
      [build.cli, 'run', '--kubeconfig', world.kubeconfig, '--metrics-port', String(port), '--health-port', String(port), '--lease-namespace', SYSTEM_NAMESPACE, '--allow-repo-protocols', 'file'],
      { env: { PATH: process.env.PATH, HOME: world.dir, POD_NAME: 'driftback-0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      // Step 1: ready once it leads and its watches have synced.
      await eventually('/readyz 200', async () => (await get(`http://127.0.0.1:${port}/readyz`))?.status === 200, 60_000, 200);
      expect((await get(`http://127.0.0.1:${port}/healthz`))?.status).toBe(200);
      await eventually('the DriftWatch Ready', () => {
        const status = world.driftWatch()?.status as { conditions?: Array<{ type: string; status: string }> } | undefined;
        return status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      }, 30_000);

      // Step 2: a hand edit becomes a pull request on the GitHub stand-in.
      await world.strategicPatch('Deployment', 'web', { spec: { replicas: 5 } }, 'kubectl-edit');
      await eventually('the pull request', () => world.github.pulls.length === 1, 30_000);
      const created = /driftback_pull_request_operations_total\{[^}]*action="created"\} 1/;
      const metrics = await eventually('the pull request in the metrics', async () => {
        const text = (await get(`http://127.0.0.1:${port}/metrics`))?.text;
        return text !== undefined && created.test(text) ? text : undefined;
      }, 30_000);
      expect(metrics).toMatch(/driftback_drifted_objects\{[^}]*verdict="compliant"\} 1/);
      expect(metrics).toMatch(/^driftback_process_cpu_seconds_total /m);

      // Step 3: SIGTERM ends it cleanly and hands the Lease back.
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lease = world.apiServer.store.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: SYSTEM_NAMESPACE, name: 'driftback-leader' });
      expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toBe('');
      const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
      expect(records.map((r) => r.msg)).toEqual(expect.arrayContaining(['operator started', 'became the leader', 'shutting down', 'operator stopped']));
      expect(`${stdout}${stderr}`).not.toContain(GITHUB_TOKEN);
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
