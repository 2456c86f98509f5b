import type { BaselineInventory, BaselineProblem, KustomizeTree, Manifest } from '../model/index.js';
import { BaselineError } from './baseline-error.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './file-size.js';
import { baselineProblem, type ProblemPlace } from './baseline-problem.js';
import { renderRoots, type RenderSettings } from './kustomize/render-roots.js';
import { listManifestFiles, type ManifestFile } from './list-files.js';
import { parseDocuments } from './parse-documents.js';
import { compilePathGlobs } from './path-globs.js';
import { RENDER_FIRST } from './template-syntax.js';
import { locateRepoPath } from './repo-paths.js';
import { toManifests } from './to-manifests.js';
import { diskTree, type FileBytes, type TreeAccess } from './tree-access.js';

export interface ReadManifestsOptions {
  maxFileBytes?: number;
  /** How Kustomize roots are rendered. */
  kustomize?: RenderSettings;
  /** Path globs (see path-globs.ts) of files and directories not read. */
  exclude?: readonly string[];
  /** Called with each file's manifests as soon as it is parsed, before namespaces are resolved. */
  onManifests?: (manifests: readonly Manifest[]) => void;
  /** Stops the reading between files (and before rendering) with the signal's reason. */
  signal?: AbortSignal;
}

export interface ManifestsRead {
  manifests: Manifest[];
  problems: BaselineProblem[];
  /** The Kustomize roots rendered, by directory. */
  kustomize?: Map<string, KustomizeTree>;
  inventory: BaselineInventory;
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
  revision?: string,
  tree: TreeAccess = diskTree,
): Promise<ManifestsRead> {
  const realRoot = await tree.realpath(root);
  const locations: { path: string; real: string }[] = [];
  for (const path of paths) {
    const located = await locateRepoPath(realRoot, path, tree);
    if ('reason' in located) throw new BaselineError({ kind: 'path', ...label, path, reason: located.reason });
    locations.push(located);
  }

  const listed = await listManifestFiles(realRoot, locations, compilePathGlobs(options.exclude ?? []), tree);
  const manifests: Manifest[] = [];
  const problems = [...listed.problems];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Files are read a few ahead of the one parsed, so the disk works while the CPU parses; they
  // are parsed, and their manifests and problems kept, in the listed order all the same.
  const files = listed.files;
  const loads: Promise<FileBytes>[] = [];
  let nextToLoad = 0;
  const loadNext = () => {
    const file = files[nextToLoad++];
    if (!file) return;
    const load = tree.load(file.real, maxFileBytes);
    // A failure surfaces when its file's turn comes, as when files were read one at a time.
    load.catch(() => undefined);
    loads.push(load);
  };
  for (let i = 0; i < READ_AHEAD; i++) loadNext();
  for (const file of files) {
    // Taken off the queue, so a parsed file's bytes are not held while the rest is read.
    const bytes = await loads.shift()!;
    options.signal?.throwIfAborted();
    loadNext();
    const read = fileManifests(file, bytes, maxFileBytes);
    manifests.push(...read.manifests);
    problems.push(...read.problems);
    options.onManifests?.(read.manifests);
  }
  // A Kustomize root counts as manifest files: its kustomization and what it reaches.
  const inventory = { manifestFiles: listed.files.length + listed.roots.length, otherFiles: listed.otherFiles, excludedPaths: listed.excludedPaths };
  if (listed.roots.length === 0) return { manifests, problems, inventory };
  options.signal?.throwIfAborted();
  await tree.materialize();
  const rendered = await renderRoots(realRoot, listed.roots, options.kustomize ?? {}, revision);
  return { manifests: [...manifests, ...rendered.manifests], problems: [...problems, ...rendered.problems], kustomize: rendered.trees, inventory };
}

type FileRead = Omit<ManifestsRead, 'inventory'>;

/** How many files are read ahead of the one being parsed. */
const READ_AHEAD = 16;

function fileManifests(file: ManifestFile, bytes: FileBytes, maxFileBytes: number): FileRead {
  const { path } = file;
  const error = (reason: string, place: ProblemPlace = { path }): FileRead => ({
    manifests: [],
    problems: [baselineProblem('error', place, reason)],
  });
  if (!Buffer.isBuffer(bytes)) {
    return error(
      `refused: the file has ${formatBytes(bytes.oversize)}, over the limit of ${formatBytes(maxFileBytes)} (raise it with --max-file-size or spec.source.maxFileSize)`,
    );
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Decoding with replacement characters would compare, and codify, a value nobody wrote.
    return error(`refused: not valid UTF-8 (${describeInvalidUtf8(bytes)}); Kubernetes manifests are UTF-8`);
  }
  let parsed: ReturnType<typeof parseDocuments>;
  try {
    parsed = parseDocuments(text);
  } catch (cause) {
    // yaml recurses per nesting level: a pathologically deep file overflows the stack.
    return error(`cannot be parsed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if ('template' in parsed) {
    const reason = `a Go template ('{{' at line ${parsed.template.line}), not a manifest: driftback compares rendered manifests, so ${RENDER_FIRST}`;
    return { manifests: [], problems: [baselineProblem('skipped', { path }, reason)] };
  }
  if ('error' in parsed) {
    const { document, line, column, reason } = parsed.error;
    return error(reason, { path, document, line, column });
  }

  const result: FileRead = { manifests: [], problems: [] };
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

