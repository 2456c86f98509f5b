import { posix } from 'node:path';
import { KUSTOMIZATION_FILES, readKustomizeTree } from '../../kustomize/index.js';
import type { KustomizeTree } from '../../model/index.js';
import type { FileWrite } from '../git-port.js';

/** The base branch as codify sees it: the list of its files and a reader for one. */
export interface BaseBranchFiles {
  list(): Promise<string[]>;
  read(path: string): Promise<string | undefined>;
}

const KUSTOMIZATION_NAMES = new Set<string>(KUSTOMIZATION_FILES);

/**
 * The base branch's files with the edits made so far: what a re-render reads, what the commit
 * writes. A snapshot taken before an object's edits restores them when a re-render refuses them.
 */
export class OverlayFiles {
  private readonly base = new Map<string, string | undefined>();
  private edited = new Map<string, string>();

  private constructor(
    private readonly source: BaseBranchFiles,
    private readonly listed: ReadonlySet<string>,
  ) {}

  static async open(source: BaseBranchFiles): Promise<OverlayFiles> {
    return new OverlayFiles(source, new Set(await source.list()));
  }

  async read(path: string): Promise<string | undefined> {
    const edited = this.edited.get(path);
    if (edited !== undefined) return edited;
    if (!this.listed.has(path)) return undefined;
    if (!this.base.has(path)) this.base.set(path, await this.source.read(path));
    return this.base.get(path);
  }

  exists(path: string): boolean {
    return this.edited.has(path) || this.listed.has(path);
  }

  write(path: string, text: string): void {
    this.edited.set(path, text);
  }

  snapshot(): Map<string, string> {
    return new Map(this.edited);
  }

  restore(snapshot: Map<string, string>): void {
    this.edited = new Map(snapshot);
  }

  /** The root's kustomization tree as the files stand now. */
  tree(root: string): Promise<KustomizeTree> {
    return readKustomizeTree(root, (path) => this.read(path));
  }

  /** Every directory of the repository that holds a kustomization (bases and components too). */
  kustomizationDirs(): string[] {
    const dirs = [...this.listed].filter((path) => KUSTOMIZATION_NAMES.has(posix.basename(path))).map((path) => posix.dirname(path));
    return [...new Set(dirs)].sort();
  }

  /** The files a render of `tree` reads, with the edits made so far. */
  async filesOf(tree: KustomizeTree): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const path of tree.files) {
      const text = await this.read(path);
      if (text !== undefined) files.set(path, text);
    }
    return files;
  }

  /** The commit: every file whose text differs from the base branch. */
  async writes(): Promise<FileWrite[]> {
    const writes: FileWrite[] = [];
    for (const [path, content] of [...this.edited].sort(([a], [b]) => a.localeCompare(b))) {
      const original = this.listed.has(path) ? await this.source.read(path) : undefined;
      if (original !== content) writes.push({ path, content });
    }
    return writes;
  }
}
