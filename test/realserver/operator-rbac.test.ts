/**
 * Tier 3, suite 3: `driftback run` against a real kube-apiserver as the driftback ServiceAccount,
 * authenticated by a token minted through TokenRequest, with exactly the RBAC of manifests/:
 * least privilege is enough to turn a hand edit into a pull request, and a kind the RBAC does not
 * grant gives one clear status condition and log line, not a crash loop.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli } from '../support/cli-harness.js';
import { BareRepo } from '../support/codify-git.js';
import { GitHubStandIn } from '../support/github-standin.js';
import { eventually } from '../support/operator-wait.js';
import { driftWatchManifest, GITHUB_TOKEN, REPO_FILES, SYSTEM_NAMESPACE, tokenSecret } from '../support/operator-world.js';
import { freePort, REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A second repository holding a kind the reader ClusterRole of manifests/ does not grant. */
const STORAGE_FILES = {
  'clusters/prod/storage.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: example.com/ssd\n',
};

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

describe('driftback run with the RBAC of manifests/ on a real kube-apiserver', () => {
  let server: RealApiServer;
  let github: GitHubStandIn;
  let repo: BareRepo;
  let storageRepo: BareRepo;
  let build: { cli: string; cleanup(): void };
  let dir: string;
  let operator: ChildProcess;
  let stdout = '';
  let stderr = '';
  let port: number;

  const admin = async (args: string[], input?: string) => {
    const run = await server.kubectl(args, input);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };
  const conditions = async (name: string): Promise<Condition[]> => {
    const watch = JSON.parse(await admin(['get', '-n', SYSTEM_NAMESPACE, 'driftwatch', name, '-o', 'json'])) as { status?: { conditions?: Condition[] } };
    return watch.status?.conditions ?? [];
  };
  const logLines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string } & Record<string, unknown>);

  beforeAll(async () => {
    build = buildCli();
    server = await startRealApiServer();
    dir = mkdtempSync(join(tmpdir(), 'driftback-real-operator-'));
    await admin(['apply', '-k', join(ROOT, 'manifests')]);
    await admin(['create', 'namespace', 'shop']);
    for (const [file, text] of Object.entries(REPO_FILES)) {
      writeFileSync(join(dir, file.replace(/\//g, '_')), text);
      await admin(['apply', '-f', join(dir, file.replace(/\//g, '_'))]);
    }
    github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token: GITHUB_TOKEN });
    repo = BareRepo.create(REPO_FILES);
    storageRepo = BareRepo.create(STORAGE_FILES);
    await admin(['apply', '-f', '-'], tokenSecret());
    await admin(['apply', '-f', '-'], driftWatchManifest(pathToFileURL(repo.path).href, github.url));

    const token = await server.serviceAccountToken(SYSTEM_NAMESPACE, 'driftback');
    const kubeconfig = server.writeKubeconfig('driftback', token, SYSTEM_NAMESPACE);
    port = await freePort();
    operator = spawn(
      join(ROOT, 'node_modules/.bin/node'),
      [build.cli, 'run', '--kubeconfig', kubeconfig, '--metrics-port', String(port), '--health-port', String(port), '--lease-namespace', SYSTEM_NAMESPACE, '--allow-repo-protocols', 'file'],
      { env: { PATH: process.env.PATH, HOME: dir, POD_NAME: 'driftback-0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    operator.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    operator.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  }, 180_000);

  afterAll(async () => {
    if (operator && operator.exitCode === null) {
      operator.kill('SIGTERM');
      await new Promise((done) => operator.once('exit', done));
    }
    await server?.close();
    await github?.close();
    repo?.remove();
    storageRepo?.remove();
    build?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reconciles a DriftWatch to Ready with nothing but the granted permissions', async () => {
    await eventually('DriftWatch shop Ready', async () => (await conditions('shop')).some((c) => c.type === 'Ready' && c.status === 'True'), 60_000, 250);
    expect(stderr).toBe('');
  }, 90_000);

  it('turns a hand edit into a pull request, an Event and a status summary', async () => {
    await admin(['scale', '-n', 'shop', 'deployment/web', '--replicas=5']);
    await eventually('the pull request', () => github.pulls.length === 1, 60_000, 250);
    const events = JSON.parse(await admin(['get', 'events', '-n', 'shop', '-o', 'json'])) as { items: Array<{ reason: string; involvedObject: { name: string } }> };
    expect(events.items.some((e) => e.reason === 'DriftDetected' && e.involvedObject.name === 'web')).toBe(true);
    await eventually('the drift in the status summary', async () => {
      const watch = JSON.parse(await admin(['get', '-n', SYSTEM_NAMESPACE, 'driftwatch', 'shop', '-o', 'json'])) as { status: { summary: { drifted: number } } };
      return watch.status.summary.drifted === 1;
    }, 30_000, 250);
    expect(`${stdout}${stderr}`).not.toContain(GITHUB_TOKEN);
  }, 90_000);

  it('a kind the RBAC does not grant gives one condition and one log line, and the operator keeps serving', async () => {
    const storageWatch = driftWatchManifest(pathToFileURL(storageRepo.path).href, github.url).replace('name: shop\n', 'name: storage\n').replace(/ {2}pullRequests:[\s\S]*$/, '');
    await admin(['apply', '-f', '-'], storageWatch);
    const stalled = await eventually('DriftWatch storage not Ready', async () => (await conditions('storage')).find((c) => c.type === 'Ready' && c.status === 'False'), 60_000, 250);
    expect(stalled.message).toMatch(/storageclasses/);
    expect(stalled.message).toMatch(/forbidden/i);
    expect((await conditions('storage')).find((c) => c.type === 'Stalled')).toMatchObject({ status: 'True', message: stalled.message });

    const denied = logLines().filter((line) => /storageclasses/.test(JSON.stringify(line)));
    expect(denied.length).toBeGreaterThanOrEqual(1);
    // Not a crash loop: the process lives, stays healthy, and the other DriftWatch is still served.
    expect(operator.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await conditions('shop')).find((c) => c.type === 'Ready')?.status).toBe('True');
    await admin(['scale', '-n', 'shop', 'deployment/api', '--replicas=2']);
    await eventually('the pull request updated with the second edit', () => github.pulls[0]?.body.includes('api') === true, 60_000, 250);
    expect(logLines().filter((line) => /storageclasses/.test(JSON.stringify(line))).length).toBe(denied.length);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);
});
