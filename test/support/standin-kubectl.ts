import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeKubeconfig } from '../../src/standin/index.js';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** kubectl against one stand-in, with its own kubeconfig and discovery cache in a temp dir. */
export class Kubectl {
  private constructor(
    readonly dir: string,
    private readonly kubeconfig: string,
  ) {}

  static async forServer(server: { url: string }, options: { token?: string; namespace?: string } = {}): Promise<Kubectl> {
    const dir = await mkdtemp(join(tmpdir(), 'standin-kubectl-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, server, options);
    return new Kubectl(dir, kubeconfig);
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.dir, 'cache'), ...args];
  }

  run(args: string[], options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<KubectlResult> {
    const { input, env, timeoutMs = 15_000 } = options;
    return new Promise((resolve, reject) => {
      const child = spawn('kubectl', this.args(args), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input ?? '');
    });
  }

  /**
   * Starts a long-running kubectl (get -w) and hands back its output lines as they come;
   * `stop` kills it. A hard timeout kills it anyway, so no test can hang on it.
   */
  stream(args: string[], timeoutMs = 15_000): { nextLine: () => Promise<string>; stop: () => void } {
    const child = spawn('kubectl', this.args(args), { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const lines: string[] = [];
    const waiting: Array<(line: string) => void> = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const waiter = waiting.shift();
        if (waiter) waiter(line);
        else lines.push(line);
      }
    });
    const exited = new Promise<never>((_, reject) =>
      child.on('close', (code) => reject(new Error(`kubectl ${args.join(' ')} exited (${code}): ${stderr}`))),
    );
    exited.catch(() => undefined);
    return {
      nextLine: () => {
        const line = lines.shift();
        if (line !== undefined) return Promise.resolve(line);
        return Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]);
      },
      stop: () => {
        clearTimeout(timer);
        child.kill('SIGKILL');
      },
    };
  }

  async cleanup(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
