import { spawn } from 'node:child_process';
import type { KustomizeBinary } from './kustomize-binary.js';

export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RENDER_BYTES = 64 * 1024 * 1024;
const MAX_STDERR_BYTES = 16 * 1024;
/** A port nothing listens on: with it as the proxy, kustomize's HTTP fetches fail at once. */
const NO_NETWORK_PROXY = 'http://127.0.0.1:9';

export interface SandboxOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Remote bases allowed: git on PATH and no proxy. Otherwise neither. */
  allowRemoteBases?: boolean;
  /** The caller's PATH, handed on only when remote bases are allowed (kustomize runs git from it). */
  pathVariable?: string;
  /** An empty directory that may serve as HOME. */
  home: string;
}

/**
 * Runs one build in a sandbox, the way Flux and Argo CD run kustomize on untrusted repositories:
 * load restrictor root-only, no plugins, exec functions or Helm (all off unless a flag turns them
 * on, and none is passed), an environment built from nothing (no token, no kubeconfig, HOME
 * empty), no network unless remote bases are allowed, a time limit and an output cap. The whole
 * process group is killed on either limit, so a git child dies too.
 */
export function runKustomize(binary: KustomizeBinary, dir: string, options: SandboxOptions): Promise<{ yaml: string } | { error: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_RENDER_BYTES;
  const env: NodeJS.ProcessEnv = options.allowRemoteBases
    ? { HOME: options.home, PATH: options.pathVariable ?? '', GIT_TERMINAL_PROMPT: '0' }
    : { HOME: options.home, PATH: '', HTTP_PROXY: NO_NETWORK_PROXY, HTTPS_PROXY: NO_NETWORK_PROXY, http_proxy: NO_NETWORK_PROXY, https_proxy: NO_NETWORK_PROXY, NO_PROXY: '', no_proxy: '' };
  const args = [binary.command, dir, '--load-restrictor=LoadRestrictionsRootOnly'];

  return new Promise((resolve) => {
    const child = spawn(binary.path, args, { env, cwd: options.home, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stopped: string | undefined;
    const stop = (why: string): void => {
      if (stopped) return;
      stopped = why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => stop(`timed out after ${formatSeconds(timeoutMs)}`), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxOutputBytes) stop(`the output exceeds ${Math.round(maxOutputBytes / (1024 * 1024))} MiB`);
      else stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: `${binary.path} could not be started: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stopped) resolve({ error: stopped });
      else if (code === 0) resolve({ yaml: Buffer.concat(stdout).toString('utf8') });
      else resolve({ error: kustomizeMessage(stderr) || `${binary.label} exited with code ${code}` });
    });
  });
}

/**
 * kustomize's complaint as one line: kubectl wraps it in a klog line (`E1205 ... "command failed"
 * err="..."`), kustomize prefixes `Error: `; both may span lines.
 */
function kustomizeMessage(stderr: string): string {
  const klog = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  const text = klog ? klog[1]!.replace(/\\(.)/g, '$1') : stderr.replace(/^Error: /m, '');
  return text.replace(/\s+/g, ' ').trim();
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
