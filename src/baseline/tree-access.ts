import { readFile, readdir, realpath, stat } from 'node:fs/promises';

/** What listing and reading a repository needs to know of an entry. */
export interface TreeEntry {
  readonly name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/** A file's bytes, or only its size when that is over the limit (the file is then not read). */
export type FileBytes = Buffer | { oversize: number };

/**
 * How the baseline reaches a revision's files, by absolute path below the checkout's real root:
 * on disk, or straight from Git's objects (git-tree-access.ts) so that a large repository is not
 * written out and read back.
 */
export interface TreeAccess {
  stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean }>;
  readdir(path: string): Promise<TreeEntry[]>;
  /** Rejects when the path does not exist. */
  realpath(path: string): Promise<string>;
  /** Reads the file unless it is larger than `maxFileBytes`. */
  load(path: string, maxFileBytes: number): Promise<FileBytes>;
  /** Writes the working tree out, for what reads the files itself (kustomize). */
  materialize(): Promise<void>;
}

export const diskTree: TreeAccess = {
  stat: (path) => stat(path),
  readdir: (path) => readdir(path, { withFileTypes: true }),
  realpath: (path) => realpath(path),
  async load(path, maxFileBytes) {
    const { size } = await stat(path);
    if (size > maxFileBytes) return { oversize: size };
    return readFile(path);
  },
  materialize: async () => {},
};
