import { extname, join, posix } from 'node:path';
import { KUSTOMIZATION_FILES } from '../kustomize/index.js';
import type { BaselineProblem } from '../model/index.js';
import type { RootCandidate } from './kustomize/render-roots.js';
import { baselineProblem } from './baseline-problem.js';
import type { PathMatcher } from './path-globs.js';
import { isInside } from './repo-paths.js';
import { RENDER_FIRST } from './template-syntax.js';
import { diskTree, type TreeAccess, type TreeEntry } from './tree-access.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const KUSTOMIZATION_NAMES = new Set<string>(KUSTOMIZATION_FILES);
const HELM_CHART_FILE = 'Chart.yaml';
const HELM_CHART_REASON = `a Helm chart (Chart.yaml): its templates are not manifests until rendered, so ${RENDER_FIRST}`;

export interface ManifestFile {
  /** Relative to the repository root, with `/`, as reached from the requested path. */
  path: string;
  /** Absolute path with symlinks resolved. */
  real: string;
}

/**
 * The manifest files below the given locations, each once, sorted by path so that every run
 * reads them in the same order, and the Kustomize roots: as Flux does, a directory holding a
 * kustomization file is rendered, and nothing below it is read as a plain manifest. Files and
 * directories that `excluded` matches are not entered. Symlinks are followed only while they stay
 * inside the checkout: a repository must not make us read the host's files.
 */
export async function listManifestFiles(
  realRoot: string,
  locations: readonly { path: string; real: string }[],
  excluded: PathMatcher,
  tree: TreeAccess = diskTree,
): Promise<{ files: ManifestFile[]; roots: RootCandidate[]; problems: BaselineProblem[]; otherFiles: number; excludedPaths: number }> {
  const files = new Map<string, ManifestFile>();
  const roots = new Map<string, RootCandidate>();
  const problems: BaselineProblem[] = [];
  const visitedDirs = new Set<string>();
  let otherFiles = 0;
  let excludedPaths = 0;
  const addRoot = (path: string, explicit: boolean): void => {
    const known = roots.get(path);
    roots.set(path, { path, explicit: explicit || (known?.explicit ?? false) });
  };

  // A directory entry already says whether it is a file or a directory: only the given locations
  // and symlink targets need a stat, not every file of a large repository.
  const visit = async (path: string, real: string, explicit: boolean, known?: TreeEntry): Promise<void> => {
    if (path !== '.' && excluded(path)) {
      excludedPaths += 1;
      return;
    }
    const info = known ?? (await tree.stat(real));
    if (info.isDirectory()) {
      if (visitedDirs.has(real)) {
        if (roots.has(path)) addRoot(path, explicit);
        return;
      }
      visitedDirs.add(real);
      const entries = await tree.readdir(real);
      if (entries.some((entry) => entry.name === HELM_CHART_FILE)) {
        problems.push(baselineProblem('skipped', { path }, HELM_CHART_REASON));
        return;
      }
      if (entries.some((entry) => KUSTOMIZATION_NAMES.has(entry.name) && !entry.isDirectory())) return addRoot(path, explicit);
      for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
        if (entry.name === '.git') continue;
        const childPath = path === '.' ? entry.name : posix.join(path, entry.name);
        const childReal = join(real, entry.name);
        if (entry.isSymbolicLink()) {
          const target = await followLink(tree, realRoot, childPath, childReal, problems);
          if (target) await visit(childPath, target, false);
        } else if (entry.isDirectory() || entry.isFile()) {
          await visit(childPath, childReal, false, entry);
        }
      }
    } else if (info.isFile()) {
      const name = posix.basename(path);
      if (KUSTOMIZATION_NAMES.has(name)) {
        addRoot(posix.dirname(path), explicit);
      } else if (!MANIFEST_EXTENSIONS.has(extname(name).toLowerCase())) {
        otherFiles += 1;
      } else if (!files.has(real)) {
        files.set(real, { path, real });
      }
    }
  };

  for (const location of locations) await visit(location.path, location.real, true);
  return {
    files: [...files.values()].sort((a, b) => compare(a.path, b.path)),
    roots: [...roots.values()].sort((a, b) => compare(a.path, b.path)),
    problems,
    otherFiles,
    excludedPaths,
  };
}

async function followLink(
  tree: TreeAccess,
  realRoot: string,
  path: string,
  link: string,
  problems: BaselineProblem[],
): Promise<string | undefined> {
  let target: string;
  try {
    target = await tree.realpath(link);
  } catch {
    problems.push(baselineProblem('skipped', { path }, 'symlink to a missing file'));
    return undefined;
  }
  if (!isInside(realRoot, target)) {
    problems.push(baselineProblem('skipped', { path }, 'symlink points outside the repository'));
    return undefined;
  }
  return target;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
