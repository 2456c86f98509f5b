import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UnsafePathError } from '../git-port.js';


function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

async function existingAncestor(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      return await realpath(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/**
 * Resolves a repository-relative path inside the clone, refusing what would land outside it:
 * `..`, absolute paths, `.git`, and symbolic links in the repository that point elsewhere.
 */
export async function resolveInside(root: string, path: string): Promise<string> {
  const refuse = (why: string): never => {
    throw new UnsafePathError(`refusing to write ${JSON.stringify(path)}: ${why}`);
  };
  if (path === '' || isAbsolute(path) || path.includes('\0')) refuse('not a relative path');
  if (path.split(/[\\/]/).some((part) => part === '..' || part.toLowerCase() === '.git')) {
    refuse('it leaves the repository');
  }
  const realRoot = await realpath(root);
  const target = resolve(realRoot, path);
  if (!isInside(realRoot, target)) refuse('it leaves the repository');
  const ancestor = await existingAncestor(dirname(target));
  if (ancestor !== realRoot && !isInside(realRoot, ancestor)) {
    refuse('a parent directory leads outside the repository');
  }
  const stat = await lstat(target).catch(() => undefined);
  if (stat?.isSymbolicLink()) refuse('it is a symbolic link');
  if (stat && !stat.isFile()) refuse('it is not a regular file');
  return target;
}
