/**
 * A real kube-apiserver backed by a real etcd, both built from their official Go modules by
 * test/realserver/build/build-binaries.sh, started on loopback with random ports, the way
 * controller-runtime's envtest does it: token authentication, Node and RBAC authorization, the
 * default admission plugins, a service-account issuer with keys made at start. Everything lives in
 * one temporary directory that close() removes, with both processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_SCRIPT = join(ROOT, 'test/realserver/build/build-binaries.sh');
const START_TIMEOUT_MS = 180_000;
/** One readiness probe; a server that accepts a connection and then stalls must not stall the poll. */
const PROBE_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;
const KUBECTL_TIMEOUT_MS = 120_000;
/** For a beforeAll that starts a server: longer than a slow start, so a slow start fails with its own message. */
export const REAL_SERVER_HOOK_TIMEOUT_MS = 2 * START_TIMEOUT_MS + KUBECTL_TIMEOUT_MS;

export interface HttpReply {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  body?: unknown;
  timeoutMs?: number;
  contentType?: string;
  /** Bearer token; the admin's when absent. */
  token?: string;
}

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RealApiServer {
  readonly url: string;
  /** gitVersion from /version, e.g. v1.37.2. */
  readonly version: string;
  /** A kubeconfig whose user is in system:masters. */
  readonly kubeconfig: string;
  readonly dir: string;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpReply>;
  /** A token for a ServiceAccount, minted through the TokenRequest API. */
  serviceAccountToken(namespace: string, name: string): Promise<string>;
  /** Writes a kubeconfig that authenticates with `token`; returns its path. */
  writeKubeconfig(name: string, token: string, namespace?: string): string;
  /** The real kubectl against this server, with a private discovery cache. */
  kubectl(args: readonly string[], input?: string, kubeconfig?: string): Promise<KubectlRun>;
  /** Stops kube-apiserver (etcd keeps running) and starts it again on the same port. */
  restartApiServer(): Promise<void>;
  /** Compacts etcd's history up to its current revision, so older resourceVersions are gone. */
  compactEtcd(): Promise<number>;
  close(): Promise<void>;
}

export interface RealApiServerOptions {
  /** kube-apiserver's watch cache; without it watches read etcd, so a compaction yields 410 Gone. */
  watchCache?: boolean;
}

/** Where the tier's global setup put kube-apiserver and etcd (test/realserver/build-binaries.js). */
export function realServerBinaries(): string {
  const dir = process.env.DRIFTBACK_REALSERVER_BIN ?? newestCached();
  if (!dir || !existsSync(join(dir, 'kube-apiserver')) || !existsSync(join(dir, 'etcd'))) {
    throw new Error(`kube-apiserver and etcd are not built: run bash ${BUILD_SCRIPT}`);
  }
  return dir;
}

function newestCached(): string | undefined {
  const cache = process.env.DRIFTBACK_REALSERVER_CACHE ?? join(ROOT, '.cache/realserver');
  if (!existsSync(cache)) return undefined;
  const dirs = readdirSync(cache).sort();
  return dirs.length > 0 ? join(cache, dirs[dirs.length - 1]!) : undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

interface Process {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

function startProcess(binary: string, args: string[]): Process {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString('utf8'));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, log, exited };
}

async function stopProcess(proc: Process | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
  await proc.exited;
  clearTimeout(timer);
}

async function waitFor(what: string, check: () => Promise<boolean>, owner: Process): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (owner.child.exitCode !== null) throw new Error(`${what}: the process exited (${owner.child.exitCode}):\n${owner.log.join('').slice(-4000)}`);
    const ready = await check().catch((error: unknown) => {
      lastError = String(error);
      return false;
    });
    if (ready) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${what}: not ready within ${START_TIMEOUT_MS} ms (last probe: ${lastError || 'not ready'}):\n${owner.log.join('').slice(-4000)}`);
}

function httpsCall(url: string, ca: string, method: string, options: RequestOptions & { adminToken: string }): Promise<HttpReply> {
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((done, fail) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca,
        headers: {
          authorization: `Bearer ${options.token ?? options.adminToken}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body, json: <T>() => JSON.parse(body) as T }));
      },
    );
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end(payload);
  });
}

function writeKubeconfigFile(path: string, server: string, ca: string, user: string, token: string, namespace = 'default'): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'real', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'real', context: { cluster: 'real', user, namespace } }],
    'current-context': 'real',
  };
  writeFileSync(path, JSON.stringify(config, null, 2), { mode: 0o600 });
}

export async function startRealApiServer(options: RealApiServerOptions = {}): Promise<RealApiServer> {
  const binaries = realServerBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'driftback-real-apiserver-'));
  let etcd: Process | undefined;
  let apiServer: Process | undefined;
  const close = async (): Promise<void> => {
    await stopProcess(apiServer);
    await stopProcess(etcd);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [etcdPort, peerPort, securePort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    etcd = startProcess(join(binaries, 'etcd'), [
      '--name=driftback-test',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=driftback-test=http://127.0.0.1:${peerPort}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    const etcdProcess = etcd;
    const startedAt = Date.now();
    await waitFor('etcd', async () => (await fetch(`${etcdUrl}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })).ok, etcdProcess);

    const adminToken = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${adminToken},driftback-admin,driftback-admin-uid,"system:masters"\n`, { mode: 0o600 });
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(join(dir, 'sa.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const certDir = join(dir, 'certs');
    mkdirSync(certDir);
    const apiServerArgs = [
      `--etcd-servers=${etcdUrl}`,
      `--cert-dir=${certDir}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      // envtest does the same: a loopback advertise address is refused by the endpoint reconciler.
      '--endpoint-reconciler-type=none',
      `--secure-port=${securePort}`,
      '--service-cluster-ip-range=10.96.0.0/24',
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--allow-privileged=true',
      `--watch-cache=${options.watchCache ?? true}`,
      '--v=0',
    ];
    const url = `https://127.0.0.1:${securePort}`;
    let ca = '';
    const startApiServer = async (): Promise<void> => {
      const started = startProcess(join(binaries, 'kube-apiserver'), apiServerArgs);
      apiServer = started;
      // The file appears before it is fully written: a half-read certificate would fail every probe,
      // so the probe reads it again until the server answers.
      await waitFor('kube-apiserver certificates', async () => existsSync(join(certDir, 'apiserver.crt')), started);
      await waitFor(
        'kube-apiserver /readyz',
        async () => {
          ca = readFileSync(join(certDir, 'apiserver.crt'), 'utf8');
          return (await httpsCall(`${url}/readyz`, ca, 'GET', { adminToken, timeoutMs: PROBE_TIMEOUT_MS })).status === 200;
        },
        started,
      );
    };
    await startApiServer();
    const startSeconds = (Date.now() - startedAt) / 1000;
    if (startSeconds > 20) process.stderr.write(`real kube-apiserver: etcd and kube-apiserver took ${startSeconds.toFixed(1)} s to become ready\n`);

    const call = (method: string, path: string, requestOptions: RequestOptions = {}) => httpsCall(`${url}${path}`, ca, method, { ...requestOptions, adminToken });
    const version = (await call('GET', '/version')).json<{ gitVersion: string }>().gitVersion;
    const kubeconfig = join(dir, 'admin.kubeconfig');
    writeKubeconfigFile(kubeconfig, url, ca, 'driftback-admin', adminToken);
    const kubectlCache = join(dir, 'kubectl-cache');

    return {
      url,
      version,
      kubeconfig,
      dir,
      request: call,
      serviceAccountToken: async (namespace, name) => {
        const reply = await call('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
        });
        if (reply.status !== 201) throw new Error(`TokenRequest for ${namespace}/${name}: ${reply.status} ${reply.body}`);
        return reply.json<{ status: { token: string } }>().status.token;
      },
      writeKubeconfig: (name, token, namespace) => {
        const path = join(dir, `${name}.kubeconfig`);
        writeKubeconfigFile(path, url, ca, name, token, namespace);
        return path;
      },
      kubectl: (args, input, config = kubeconfig) => runKubectl([`--kubeconfig=${config}`, `--cache-dir=${kubectlCache}`, ...args], input),
      restartApiServer: async () => {
        await stopProcess(apiServer);
        await startApiServer();
      },
      compactEtcd: async () => {
        const range = await fetch(`${etcdUrl}/v3/kv/range`, { method: 'POST', body: JSON.stringify({ key: Buffer.from('/').toString('base64') }) });
        const revision = Number(((await range.json()) as { header: { revision: string } }).header.revision);
        const compacted = await fetch(`${etcdUrl}/v3/kv/compaction`, { method: 'POST', body: JSON.stringify({ revision, physical: true }) });
        if (!compacted.ok) throw new Error(`etcd compaction at ${revision}: ${compacted.status} ${await compacted.text()}`);
        return revision;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export function runKubectl(args: readonly string[], input?: string): Promise<KubectlRun> {
  return new Promise((done, fail) => {
    const child = spawn('kubectl', args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: tmpdir() } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`kubectl ${args.filter((arg) => !arg.startsWith('--kubeconfig') && !arg.startsWith('--cache-dir')).join(' ')}: no exit within ${KUBECTL_TIMEOUT_MS} ms; stderr so far: ${stderr}`));
    }, KUBECTL_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}
