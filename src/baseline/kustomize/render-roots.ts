import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { mapLimit } from '../../cluster/map-limit.js';
import { readKustomizeTree, type ReadRepoFile } from '../../kustomize/index.js';
import type { BaselineProblem, KustomizeTree, Manifest } from '../../model/index.js';
import { parseDocuments, type ParsedDocument } from '../parse-documents.js';
import { findKustomizeBinary, type KustomizeBinary } from './kustomize-binary.js';
import { repoFileReader } from './repo-file-reader.js';
import { renderedManifests } from './rendered-manifests.js';
import { runKustomize } from './run-kustomize.js';
import { baselineProblem } from '../baseline-problem.js';

/** Builds at once: one per core (at most 4). The benchmark's bare builds use the same number. */
export const RENDER_CONCURRENCY = Math.min(4, availableParallelism());

/** How roots are rendered: `scan` flags, or a DriftWatch's `spec.kustomize`. */
export interface RenderSettings {
  /** A kustomize or kubectl binary; default `kustomize` on PATH, else `kubectl`. */
  binary?: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
  allowRemoteBases?: boolean;
  /** Where binaries are looked up (the caller's PATH). */
  pathVariable?: string;
  /** Build every root with origin annotations, never tracing objects by identity (tests compare the two). */
  alwaysAnnotate?: boolean;
  /** Renders kept across loads: the operator renders each root once per revision. */
  cache?: RenderCache;
}

export interface RootCandidate {
  /** Repository-relative directory holding a kustomization file. */
  path: string;
  /** Named by a `--path` itself, rather than found below one. */
  explicit: boolean;
}

interface RootRender {
  manifests: Manifest[];
  problems: BaselineProblem[];
}

export interface RenderedRoots extends RootRender {
  trees: Map<string, KustomizeTree>;
}

/** Each root's render by revision; a new revision replaces a repository's older ones. */
export interface RenderCache {
  get(key: string): RootRender | undefined;
  set(key: string, value: RootRender): void;
}

export function createRenderCache(maxEntries = 500): RenderCache {
  const entries = new Map<string, RootRender>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.set(key, value);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}

/**
 * Renders the Kustomize roots found below the scanned paths, with Flux's rule for a path: a
 * directory with a kustomization is built. A kustomization that another root reaches (a base, a
 * component) is not rendered on its own unless a `--path` names it: a base alone is never
 * applied. A root that cannot be rendered costs that root only: one error line naming it.
 */
export async function renderRoots(realRoot: string, candidates: readonly RootCandidate[], settings: RenderSettings, revision?: string): Promise<RenderedRoots> {
  // A base is reached by its own candidate and by every overlay: each file is read once, and the
  // walks run at once (they wait on the disk, not on the processor).
  const read = memoized(repoFileReader(realRoot));
  const paths = [...new Set(candidates.map((candidate) => candidate.path))];
  const walked = await Promise.all(paths.map((path) => readKustomizeTree(path, read, { allowRemoteBases: settings.allowRemoteBases })));
  const trees = new Map(paths.map((path, index) => [path, walked[index]!]));
  const reached = new Set<string>();
  for (const tree of trees.values()) for (const dir of tree.layers.keys()) if (dir !== tree.root) reached.add(dir);

  const problems: BaselineProblem[] = [];
  const roots: KustomizeTree[] = [];
  for (const candidate of candidates) {
    const tree = trees.get(candidate.path)!;
    if (roots.includes(tree) || (!candidate.explicit && reached.has(candidate.path))) continue;
    if (tree.layers.get(tree.root)?.component) {
      if (candidate.explicit) {
        problems.push(baselineProblem('skipped', { path: tree.root }, 'a Kustomize Component is rendered only by the kustomizations that include it'));
      }
      continue;
    }
    roots.push(tree);
  }

  let binary: Promise<KustomizeBinary> | undefined;
  const documents = new Map<string, Promise<ParsedDocument[]>>();
  const documentsOf = (path: string): Promise<ParsedDocument[]> => {
    let known = documents.get(path);
    if (!known) {
      // Through the walk's reader: each file read once, and no symlink out of the repository followed.
      known = read(path).then(
        (text) => {
          const parsed = text === undefined ? undefined : parseDocuments(text);
          return parsed && 'documents' in parsed ? parsed.documents : [];
        },
        () => [],
      );
      documents.set(path, known);
    }
    return known;
  };

  // The wrappers are written before any build; a slot of the limit then holds one kustomize
  // process and nothing else. The output is read (parsed, placed) after the slot's next build has
  // started, so the processor work of reading overlaps the builds instead of adding to them.
  // A build first runs without origin annotations (they make kustomize slower); a root whose
  // objects cannot all be traced to their files from its tree is built again with them.
  const wrappers = await realpath(await mkdtemp(join(tmpdir(), 'driftback-render-')));
  try {
    const jobs = await Promise.all(roots.map((tree, index) => prepareRoot(tree, index)));
    const firstPass = await renderJobs(jobs, settings.alwaysAnnotate === true);
    const again = jobs.filter((job, index): job is RenderJob => 'annotate' in firstPass[index]!);
    const secondPass = await renderJobs(again, true);
    const renders = firstPass.map((render) => ('annotate' in render ? secondPass[again.indexOf(render.job)]! : render)) as RootRender[];
    return {
      manifests: renders.flatMap((render) => render.manifests),
      problems: [...problems, ...renders.flatMap((render) => render.problems)],
      trees: new Map(roots.map((tree) => [tree.root, tree])),
    };
  } finally {
    await rm(wrappers, { recursive: true, force: true });
  }

  async function renderJobs(jobs: readonly (RenderJob | { done: RootRender })[], annotated: boolean): Promise<(RootRender | { annotate: true; job: RenderJob })[]> {
    if (jobs.length === 0) return [];
    const started = await mapLimit(jobs, RENDER_CONCURRENCY, async (job): Promise<{ render: Promise<RootRender | { annotate: true; job: RenderJob }> }> => {
      if ('done' in job) return { render: Promise.resolve(job.done) };
      await writeFile(join(job.wrapperDir, 'kustomization.yaml'), wrapperKustomization(realRoot, job.tree, job.wrapperDir, annotated));
      const built = await buildRoot(realRoot, job.tree, job.binary, job.wrapperDir, settings);
      if ('error' in built) return { render: Promise.resolve(job.fail(built.error)) };
      const build = { root: job.tree.root, renderer: job.binary.label, tree: job.tree, yaml: built.yaml, wrapperDir: job.wrapperDir, annotated, realRoot, documentsOf };
      const render = nextTurn()
        .then(() => renderedManifests(build))
        .catch((error: unknown) => job.fail(`cannot read the rendered output: ${error instanceof Error ? error.message : String(error)}`))
        .then((result) => {
          if ('annotate' in result) return { annotate: true as const, job };
          if (job.key !== undefined && result.problems.length === 0) settings.cache?.set(job.key, result);
          return result;
        });
      return { render };
    });
    return Promise.all(started.map((start) => start.render));
  }

  /** What a root needs before its build: the binary, the cache, its wrapper; or its outcome already. */
  async function prepareRoot(tree: KustomizeTree, index: number): Promise<RenderJob | { done: RootRender }> {
    const fail = (reason: string): RootRender => ({ manifests: [], problems: [baselineProblem('error', { path: tree.root }, `cannot render: ${reason}`)] });
    if (tree.problems.length > 0) {
      const more = tree.problems.length > 1 ? ` (and ${tree.problems.length - 1} more)` : '';
      return { done: fail(`${tree.problems[0]}${more}`) };
    }
    let found: KustomizeBinary;
    try {
      found = await (binary ??= findKustomizeBinary(settings.binary, settings.pathVariable));
    } catch (error) {
      return { done: fail(error instanceof Error ? error.message : String(error)) };
    }
    const key = revision === undefined ? undefined : [revision, tree.root, found.label, settings.allowRemoteBases === true].join('\0');
    const cached = key === undefined ? undefined : settings.cache?.get(key);
    if (cached) return { done: cached };
    const wrapperDir = join(wrappers, String(index));
    await mkdir(wrapperDir);
    return { tree, binary: found, key, wrapperDir, fail };
  }
}

interface RenderJob {
  tree: KustomizeTree;
  binary: KustomizeBinary;
  /** The render cache's key, when a revision is known. */
  key?: string;
  wrapperDir: string;
  fail(reason: string): RootRender;
}

/** Resolves after the events already due (a finished build, the next spawn) have run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The temporary kustomization that builds the root; with `buildMetadata` each object names its file. */
function wrapperKustomization(realRoot: string, tree: KustomizeTree, wrapperDir: string, annotated: boolean): string {
  const resources = `resources:\n  - ${JSON.stringify(wrapperTarget(realRoot, tree, wrapperDir))}\n`;
  return annotated ? `${resources}buildMetadata: [originAnnotations]\n` : resources;
}

function wrapperTarget(realRoot: string, tree: KustomizeTree, wrapperDir: string): string {
  return relative(wrapperDir, join(realRoot, tree.root)).split(sep).join('/');
}

/**
 * One build of a root through its temporary wrapper kustomization, which lists the root (and, when
 * asked, adds `buildMetadata: [originAnnotations]`), so that Git is never written to. The
 * wrapper's directory is the build's empty HOME; origins are relative to it.
 */
async function buildRoot(realRoot: string, tree: KustomizeTree, binary: KustomizeBinary, wrapperDir: string, settings: RenderSettings): Promise<{ yaml: string } | { error: string }> {
  const outcome = await runKustomize(binary, wrapperDir, {
    home: wrapperDir,
    timeoutMs: settings.timeoutMs,
    maxOutputBytes: settings.maxOutputBytes,
    allowRemoteBases: settings.allowRemoteBases,
    pathVariable: settings.pathVariable,
  });
  if ('error' in outcome) return { error: repositoryPaths(outcome.error, [[`${realRoot}/`, ''], [wrapperTarget(realRoot, tree, wrapperDir), tree.root], [`${wrapperDir}/`, '']]) };
  return outcome;
}

/** Each path read once per render of the repository, however many kustomizations reach it. */
function memoized(read: ReadRepoFile): ReadRepoFile {
  const known = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let text = known.get(path);
    if (!text) {
      text = read(path);
      known.set(path, text);
    }
    return text;
  };
}

/** kustomize names files by absolute path: a person knows them by repository path. */
function repositoryPaths(message: string, replacements: [string, string][]): string {
  const line = replacements.reduce((text, [from, to]) => text.split(from).join(to), message);
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
