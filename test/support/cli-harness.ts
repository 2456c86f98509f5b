/**
 * Drives `driftback` the way a user does: a real Git repository (bare remote, file:// URL), the
 * stand-in API server over HTTP seeded the way `kubectl apply` seeds a cluster, and the CLI either
 * in-process through `runCli` (fast, most cases) or as the built binary in a child process (exit
 * codes and stdout/stderr separation as a shell sees them).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/model/kube-object.js';
import { runCli } from '../../src/cli/main.js';
import { connectCluster, discoverResources } from '../../src/cluster/index.js';
import { DemoKubectl } from '../../src/demo/act-like-kubectl.js';
import { applyServerDefaults } from '../../src/standin/index.js';
import { startStandInApiServer, writeKubeconfig, type ForbiddenRule, type StandInApiServer } from '../../src/standin/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `driftback <argv>` in-process, with its own env (no KUBECONFIG, no GITHUB_TOKEN from the runner). */
export async function runDriftback(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? { HOME: tmpdir() },
    cwd: options.cwd ?? tmpdir(),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export interface ScanCluster {
  server: StandInApiServer;
  kubeconfig: string;
  kubectl: DemoKubectl;
  /** A temp directory for kubeconfig, policy files and the like; removed by close(). */
  dir: string;
  /** `kubectl apply -f` of each file's documents, in key order (the stand-in folds stringData into data, as a real server does). */
  apply(files: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export interface ScanClusterOptions {
  token?: string;
  forbid?: ForbiddenRule[];
  /** The kubeconfig context's namespace. */
  namespace?: string;
}

/** The stand-in with server defaults, a kubeconfig for it and a kubectl-like client to seed it. */
export async function startScanCluster(options: ScanClusterOptions = {}): Promise<ScanCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'driftback-cli-test-'));
  const server = await startStandInApiServer({ defaulter: applyServerDefaults, token: options.token, forbid: options.forbid });
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, server, { token: options.token, namespace: options.namespace });
  // The seeding client needs discovery only; it is made before any token or forbid rule matters.
  const connection = await connectCluster({ kubeconfig, env: {} });
  const kubectl = new DemoKubectl(server.url, await discoverResources(connection));
  return {
    server,
    kubeconfig,
    kubectl,
    dir,
    apply: async (files) => {
      for (const text of Object.values(files)) {
        for (const doc of parseAllDocuments(text)) {
          const object = doc.toJS() as KubeObject | null;
          if (object?.kind) await kubectl.applyObjects([object]);
        }
      }
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file under `dir` and returns its absolute path. */
export function writeTestFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Compiles src into a private directory inside node_modules (so bare imports resolve and nobody
 * else's dist/ is touched) and returns the path of cli.js. Type errors elsewhere do not stop the
 * emit; a missing cli.js does.
 */
export function buildCli(): { cli: string; cleanup(): void } {
  const out = mkdtempSync(join(ROOT, 'node_modules', '.cache-driftback-cli-test-'));
  mkdirSync(out, { recursive: true });
  const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', out, '--sourceMap', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const cli = join(out, 'cli.js');
  if (!existsSync(cli)) throw new Error(`tsc did not emit cli.js: ${tsc.stdout}${tsc.stderr}`);
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return { cli, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** Runs the built CLI with the Node version the package pins, as `driftback` on a PATH would. */
export function runBuiltCli(cli: string, argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/node'), [cli, ...argv], {
      cwd: options.cwd ?? tmpdir(),
      env: options.env ?? { PATH: process.env.PATH, HOME: tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The non-empty lines of a stream. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
