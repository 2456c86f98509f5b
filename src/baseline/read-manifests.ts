import { readFile, realpath, stat } from 'node:fs/promises';
import type { BaselineProblem, Manifest } from '../model/index.js';
import { BaselineError } from './baseline-error.js';
import { listManifestFiles, type ManifestFile } from './list-files.js';
import { parseDocuments } from './parse-documents.js';
import { locateRepoPath } from './repo-paths.js';
import { toManifests } from './to-manifests.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ReadManifestsOptions {
  maxFileBytes?: number;
  /** Called with each file's manifests as soon as it is parsed, before namespaces are resolved. */
  onManifests?: (manifests: readonly Manifest[]) => void;
}

export interface ManifestsRead {
  manifests: Manifest[];
  problems: BaselineProblem[];
}

/** Names the checkout in a BaselineError: the repository and revision it came from. */
export interface CheckoutLabel {
  repo: string;
  revision?: string;
}

/**
 * Reads the manifests below `paths` (relative to `root`, recursively) from a directory that is
 * already checked out. A path that escapes `root` or does not exist throws a BaselineError; a
 * file that cannot be used becomes a problem and the other files are still read.
 */
export function readManifests(root: string, paths: string[], options: ReadManifestsOptions = {}): Promise<ManifestsRead> {
  return readCheckout(root, paths, options, { repo: root });
}

export async function readCheckout(
  root: string,
  paths: readonly string[],
  options: ReadManifestsOptions,
  label: CheckoutLabel,
): Promise<ManifestsRead> {
  const realRoot = await realpath(root);
  const locations: { path: string; real: string }[] = [];
  for (const path of paths) {
    const located = await locateRepoPath(realRoot, path);
    if ('reason' in located) throw new BaselineError({ kind: 'path', ...label, path, reason: located.reason });
    locations.push(located);
  }

  const listed = await listManifestFiles(realRoot, locations);
  const manifests: Manifest[] = [];
  const problems = [...listed.problems];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of listed.files) {
    const read = await readFileManifests(file, maxFileBytes);
    manifests.push(...read.manifests);
    problems.push(...read.problems);
    options.onManifests?.(read.manifests);
  }
  return { manifests, problems };
}

async function readFileManifests(file: ManifestFile, maxFileBytes: number): Promise<ManifestsRead> {
  const { path } = file;
  const error = (message: string): ManifestsRead => ({ manifests: [], problems: [{ severity: 'error', path, message }] });
  const { size } = await stat(file.real);
  if (size > maxFileBytes) {
    return error(`${path}: refused: the file has ${formatBytes(size)}, over the limit of ${formatBytes(maxFileBytes)}`);
  }
  const bytes = await readFile(file.real);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Decoding with replacement characters would compare, and codify, a value nobody wrote.
    return error(`${path}: refused: not valid UTF-8 (${describeInvalidUtf8(bytes)}); Kubernetes manifests are UTF-8`);
  }
  let parsed: ReturnType<typeof parseDocuments>;
  try {
    parsed = parseDocuments(path, text);
  } catch (cause) {
    // yaml recurses per nesting level: a pathologically deep file overflows the stack.
    return error(`${path}: cannot be parsed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if ('error' in parsed) return error(parsed.error);

  const result: ManifestsRead = { manifests: [], problems: [] };
  for (const doc of parsed.documents) {
    const read = toManifests(path, doc);
    result.manifests.push(...read.manifests);
    result.problems.push(...read.problems);
  }
  return result;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Where the first invalid byte is, as line and column, for the error line. */
function describeInvalidUtf8(bytes: Uint8Array): string {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection: decoding is all or nothing.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  const prefix = new TextDecoder().decode(bytes.subarray(0, low));
  const lines = prefix.split('\n');
  return `byte 0x${(bytes[low] ?? 0).toString(16).padStart(2, '0')} at line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
