import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadRepoFile } from '../../kustomize/index.js';
import { isInside } from '../repo-paths.js';

/**
 * Reads files of a checkout for the kustomization walk: undefined for a path that is missing or
 * not a file; a symbolic link that leads out of the checkout is refused, so that no kustomization
 * makes us read the host's files.
 */
export function repoFileReader(realRoot: string): ReadRepoFile {
  return async (path) => {
    let real: string;
    try {
      real = await realpath(join(realRoot, path));
    } catch {
      return undefined;
    }
    if (!isInside(realRoot, real)) throw new Error('refused: a symbolic link leads outside the repository');
    if (!(await stat(real)).isFile()) return undefined;
    return readFile(real, 'utf8');
  };
}
