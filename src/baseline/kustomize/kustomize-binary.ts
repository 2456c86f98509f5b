import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A kustomize binary and how to ask it for a build. */
export interface KustomizeBinary {
  path: string;
  /** Arguments before the directory: `build` for kustomize, `kustomize` for kubectl. */
  command: string;
  /** As the report shows it: `kustomize v5.8.1`, `kustomize v5.5.0 (kubectl)`. */
  label: string;
}

/** Why no binary can render: one line, said for every root that needed one. */
export class MissingRendererError extends Error {
  override name = 'MissingRendererError';
}

const found = new Map<string, Promise<KustomizeBinary>>();

/**
 * The binary to render with: `explicit` (a kustomize or kubectl binary) when given, else
 * `kustomize` on PATH, else `kubectl` (which embeds kustomize; kubectl 1.32 has v5.5.0). Its
 * version is asked once per process and path.
 */
export async function findKustomizeBinary(explicit: string | undefined, pathVariable: string | undefined): Promise<KustomizeBinary> {
  let path = explicit;
  if (path === undefined) path = (await onPath('kustomize', pathVariable)) ?? (await onPath('kubectl', pathVariable));
  if (path === undefined) {
    throw new MissingRendererError('no kustomize binary: neither kustomize nor kubectl is on PATH (install one, or pass --kustomize <path>)');
  }
  if (!(await isExecutable(path))) throw new MissingRendererError(`no kustomize binary: ${path} is not an executable file`);
  const known = found.get(path);
  if (known) return known;
  const identified = identify(path);
  found.set(path, identified);
  identified.catch(() => found.delete(path));
  return identified;
}

async function identify(path: string): Promise<KustomizeBinary> {
  const kubectl = basename(path).startsWith('kubectl');
  const args = kubectl ? ['version', '--client', '-o', 'json'] : ['version'];
  let output: string;
  try {
    output = (await run(path, args, { env: { HOME: '/nonexistent' }, timeout: 15_000 })).stdout;
  } catch (error) {
    throw new MissingRendererError(`no kustomize binary: ${path} version failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (kubectl) {
    const version = (JSON.parse(output) as { kustomizeVersion?: string }).kustomizeVersion;
    if (!version) throw new MissingRendererError(`no kustomize binary: ${path} embeds no kustomize (kubectl 1.14 or later does)`);
    return { path, command: 'kustomize', label: `kustomize ${version} (kubectl)` };
  }
  // v5 prints `v5.8.1`; v3 and v4 print `{Version:kustomize/v4.5.7 GitCommit:...}`.
  const version = /v\d+\.\d+\.\d+[^\s,}]*/.exec(output)?.[0] ?? 'version unknown';
  return { path, command: 'build', label: `kustomize ${version}` };
}

async function onPath(name: string, pathVariable: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
