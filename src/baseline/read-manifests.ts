import { readFile, realpath, stat } from 'node:fs/promises';
import type { BaselineInventory, BaselineProblem, Manifest } from '../model/index.js';
import { BaselineError } from './baseline-error.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './file-size.js';
import { baselineProblem, type ProblemPlace } from './baseline-problem.js';
import { listManifestFiles, type ManifestFile } from './list-files.js';
import { parseDocuments } from './parse-documents.js';
import { compilePathGlobs } from './path-globs.js';
import { RENDER_FIRST } from './template-syntax.js';
import { locateRepoPath } from './repo-paths.js';
import { toManifests } from './to-manifests.js';

export interface ReadManifestsOptions {
  maxFileBytes?: number;
  /** Path globs (see path-globs.ts) of files and directories not read. */
  exclude?: readonly string[];
}

export interface ManifestsRead {
  manifests: Manifest[];
  problems: BaselineProblem[];
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
): Promise<ManifestsRead> {
  const realRoot = await realpath(root);
  const locations: { path: string; real: string }[] = [];
  for (const path of paths) {
    const located = await locateRepoPath(realRoot, path);
    if ('reason' in located) throw new BaselineError({ kind: 'path', ...label, path, reason: located.reason });
    locations.push(located);
  }

  const listed = await listManifestFiles(realRoot, locations, compilePathGlobs(options.exclude ?? []));
  const manifests: Manifest[] = [];
  const problems = [...listed.problems];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of listed.files) {
    const read = await readFileManifests(file, maxFileBytes);
    manifests.push(...read.manifests);
    problems.push(...read.problems);
  }
  return { manifests, problems, inventory: {
      manifestFiles: listed.files.length + listed.skippedFiles,
      otherFiles: listed.otherFiles,
      excludedPaths: listed.excludedPaths,
    },
  };
}

type FileRead = Omit<ManifestsRead, 'inventory'>;

async function readFileManifests(file: ManifestFile, maxFileBytes: number): Promise<FileRead> {
  const { path } = file;
  const error = (reason: string, place: ProblemPlace = { path }): FileRead => ({
    manifests: [],
    problems: [baselineProblem('error', place, reason)],
  });
  const { size } = await stat(file.real);
  if (size > maxFileBytes) {
    return error(
      `refused: the file has ${formatBytes(size)}, over the limit of ${formatBytes(maxFileBytes)} (raise it with --max-file-size or spec.source.maxFileSize)`,
    );
  }
  let parsed: ReturnType<typeof parseDocuments>;
  try {
    parsed = parseDocuments(await readFile(file.real, 'utf8'));
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
