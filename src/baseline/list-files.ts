import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, posix } from 'node:path';
import type { BaselineProblem } from '../model/index.js';
import { isInside } from './repo-paths.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export interface ManifestFile {
  /** Relative to the repository root, with `/`, as reached from the requested path. */
  path: string;
  /** Absolute path with symlinks resolved. */
  real: string;
}

/**
 * The manifest files below the given locations, each once, sorted by path so that every run
 * reads them in the same order. Symlinks are followed only while they stay inside the checkout:
 * a repository must not make us read the host's files.
 */
export async function listManifestFiles(
  realRoot: string,
  locations: readonly { path: string; real: string }[],
): Promise<{ files: ManifestFile[]; problems: BaselineProblem[] }> {
  const files = new Map<string, ManifestFile>();
  const problems: BaselineProblem[] = [];
  const visitedDirs = new Set<string>();

  // A directory entry already says whether it is a file or a directory: only the given locations
  // and symlink targets need a stat, not every file of a large repository.
  const visit = async (path: string, real: string, known?: Dirent): Promise<void> => {
    const info = known ?? (await stat(real));
    if (info.isDirectory()) {
      if (visitedDirs.has(real)) return;
      visitedDirs.add(real);
      const entries = await readdir(real, { withFileTypes: true });
      for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
        if (entry.name === '.git') continue;
        const childPath = path === '.' ? entry.name : posix.join(path, entry.name);
        const childReal = join(real, entry.name);
        if (entry.isSymbolicLink()) {
          const target = await followLink(realRoot, childPath, childReal, problems);
          if (target) await visit(childPath, target);
        } else if (entry.isDirectory() || entry.isFile()) {
          await visit(childPath, childReal, entry);
        }
      }
    } else if (info.isFile()) {
      const name = posix.basename(path);
      if (KUSTOMIZATION_FILES.has(name)) {
        problems.push({ severity: 'warning', path, message: `${path}: skipped: Kustomize is not rendered yet` });
      } else if (MANIFEST_EXTENSIONS.has(extname(name).toLowerCase()) && !files.has(real)) {
        files.set(real, { path, real });
      }
    }
  };

  for (const location of locations) await visit(location.path, location.real);
  return { files: [...files.values()].sort((a, b) => compare(a.path, b.path)), problems };
}

async function followLink(
  realRoot: string,
  path: string,
  link: string,
  problems: BaselineProblem[],
): Promise<string | undefined> {
  let target: string;
  try {
    target = await realpath(link);
  } catch {
    problems.push({ severity: 'warning', path, message: `${path}: skipped: symlink to a missing file` });
    return undefined;
  }
  if (!isInside(realRoot, target)) {
    problems.push({ severity: 'warning', path, message: `${path}: skipped: symlink points outside the repository` });
    return undefined;
  }
  return target;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
