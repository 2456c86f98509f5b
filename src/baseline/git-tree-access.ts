import { realpath } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { GitRunner } from './run-git.js';
import { diskTree, type FileBytes, type TreeAccess, type TreeEntry } from './tree-access.js';

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

interface Blob {
  sha: string;
  size: number;
}

/** The revision's files as seen through its objects; `close` ends the git process reading them. */
export type ClosableTree = TreeAccess & { close(): void };

/**
 * The files of HEAD in a clone made without a checkout, read from Git's objects: one `ls-tree`
 * lists them with their sizes, one `cat-file --batch` hands over the blobs the baseline reads. A
 * large repository is then neither written to disk nor read back, and the lists the scan sends
 * start as soon as the clone is fetched. A revision holding symlinks is checked out and read from
 * disk instead, where the checks that keep symlinks inside the repository apply; so is anything
 * that must read the files itself (kustomize) once it asks (`materialize`).
 */
export async function gitTreeAccess(git: GitRunner, dir: string): Promise<ClosableTree> {
  const listing = await git.in(dir).raw(['ls-tree', '-r', '-l', '-z', '--full-tree', 'HEAD']);
  const entries = listing.split('\0').filter(Boolean).map(parseTreeLine);
  const checkout = async () => {
    if (entries.length > 0) await git.in(dir).raw(['checkout', '--quiet', '--force', 'HEAD', '--', '.']);
  };
  if (entries.some((entry) => entry.mode === SYMLINK_MODE)) {
    await checkout();
    return { ...diskTree, close: () => {} };
  }

  const root = await realpath(dir);
  const files = new Map<string, Blob>();
  const dirs = new Map<string, Map<string, 'file' | 'dir'>>([[root, new Map()]]);
  const addDir = (path: string): Map<string, 'file' | 'dir'> => {
    const abs = path === '.' ? root : join(root, path);
    let children = dirs.get(abs);
    if (!children) {
      children = new Map();
      dirs.set(abs, children);
      addDir(posix.dirname(path)).set(posix.basename(path), 'dir');
    }
    return children;
  };
  for (const entry of entries) {
    // A submodule is an empty directory in a checkout: its commit is never fetched.
    if (entry.mode === SUBMODULE_MODE) addDir(entry.path);
    else {
      addDir(posix.dirname(entry.path)).set(posix.basename(entry.path), 'file');
      files.set(join(root, entry.path), { sha: entry.sha, size: entry.size });
    }
  }

  let materialized = false;
  let blobs: BlobReader | undefined;
  const missing = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
  const kind = (path: string) => (dirs.has(path) ? 'dir' : files.has(path) ? 'file' : undefined);
  return {
    async stat(path) {
      const found = kind(path);
      if (!found) throw missing(path);
      return { isDirectory: () => found === 'dir', isFile: () => found === 'file' };
    },
    async readdir(path) {
      const children = dirs.get(path);
      if (!children) throw missing(path);
      return [...children].map(([name, type]): TreeEntry => ({ name, isDirectory: () => type === 'dir', isFile: () => type === 'file', isSymbolicLink: () => false }));
    },
    async realpath(path) {
      const resolved = path === dir ? root : path.replace(/\/+$/, '');
      if (!kind(resolved)) throw missing(path);
      return resolved;
    },
    async load(path, maxFileBytes): Promise<FileBytes> {
      const blob = files.get(path);
      if (!blob) throw missing(path);
      if (blob.size > maxFileBytes) return { oversize: blob.size };
      blobs ??= new BlobReader(git, dir);
      return blobs.read(blob.sha).catch((error: Error) => {
        throw new Error(`cannot read ${path.slice(root.length + 1)} from the repository's objects: ${error.message}`, { cause: error });
      });
    },
    async materialize() {
      if (materialized) return;
      materialized = true;
      await checkout();
    },
    close: () => blobs?.close(),
  };
}

function parseTreeLine(line: string): { mode: string; sha: string; size: number; path: string } {
  // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`; the size of a submodule is `-`.
  const tab = line.indexOf('\t');
  const [mode = '', , sha = '', size = '-'] = line.slice(0, tab).split(/ +/);
  return { mode, sha, size: size === '-' ? 0 : Number(size), path: line.slice(tab + 1) };
}

/** One `git cat-file --batch`: blobs asked for by sha, answered in the order asked. */
class BlobReader {
  private readonly git;
  private readonly waiting: { resolve(bytes: Buffer): void; reject(error: Error): void }[] = [];
  private pending = Buffer.alloc(0);
  /** Chunks not yet joined to `pending`, and how many bytes `pending` must reach to hold the next blob. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  private needed = 0;
  private failure: Error | undefined;

  constructor(runner: GitRunner, dir: string) {
    this.git = runner.spawn(dir, ['cat-file', '--batch']);
    this.git.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.git.on('error', (error) => this.fail(error));
    this.git.on('close', (code) => this.fail(new Error(`git cat-file stopped (exit code ${code})`)));
    this.git.stdin.on('error', (error) => this.fail(error));
  }

  read(sha: string): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.git.stdin.write(`${sha}\n`);
    });
  }

  close(): void {
    this.git.stdin.end();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // A large blob arrives in many chunks: joined once it is whole, not once per chunk.
    if (this.buffered < this.needed) return;
    this.pending = Buffer.concat([this.pending, ...this.chunks.splice(0)]);
    this.buffered = this.pending.length;
    this.needed = 0;
    for (;;) {
      const eol = this.pending.indexOf(10);
      if (eol < 0) return;
      const header = this.pending.toString('utf8', 0, eol).split(' ');
      if (header[1] !== 'blob') {
        this.pending = this.pending.subarray(eol + 1);
        this.buffered = this.pending.length;
        this.waiting.shift()?.reject(new Error(`git cat-file: ${header.join(' ')}`));
        continue;
      }
      const size = Number(header[2]);
      if (this.pending.length < eol + 1 + size + 1) {
        this.needed = eol + 1 + size + 1;
        return;
      }
      // A copy: the file's bytes must not keep the whole chunk they arrived in alive.
      const bytes = Buffer.from(this.pending.subarray(eol + 1, eol + 1 + size));
      this.pending = this.pending.subarray(eol + 1 + size + 1);
      this.buffered = this.pending.length;
      this.waiting.shift()?.resolve(bytes);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }
}
