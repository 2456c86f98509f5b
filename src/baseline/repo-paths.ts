import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { diskTree, type TreeAccess } from './tree-access.js';

/**
 * A `--path` as given, made canonical (`./a//b/` is `a/b`, the root is `.`), or why it is refused:
 * absolute paths and paths that climb out of the repository name files that Git does not hold.
 */
export function normalizeRepoPath(path: string): { path: string } | { reason: string } {
  if (isAbsolute(path)) return { reason: 'is absolute; paths are relative to the repository root' };
  const normalized = posix.normalize(path === '' ? '.' : path).replace(/\/+$/, '') || '.';
  if (normalized === '..' || normalized.startsWith('../')) return { reason: 'escapes the repository' };
  return { path: normalized };
}

/** True when `target` (a real path) is `root` or below it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * A repository path, normalized, and where it really is on disk; or why it cannot be read: it
 * must exist and, once symlinks are followed, still be inside the checkout.
 */
export async function locateRepoPath(
  realRoot: string,
  path: string,
  tree: TreeAccess = diskTree,
): Promise<{ path: string; real: string } | { reason: string }> {
  const normalized = normalizeRepoPath(path);
  if ('reason' in normalized) return normalized;
  let real: string;
  try {
    real = await tree.realpath(join(realRoot, normalized.path));
  } catch {
    return { reason: 'does not exist' };
  }
  if (!isInside(realRoot, real)) return { reason: 'escapes the repository through a symlink' };
  return { path: normalized.path, real };
}
