import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { mapLimit } from '../../cluster/map-limit.js';
import { readKustomizeTree } from '../../kustomize/index.js';
import type { BaselineProblem, KustomizeTree, Manifest } from '../../model/index.js';
import { parseDocuments, type ParsedDocument } from '../parse-documents.js';
import { findKustomizeBinary, type KustomizeBinary } from './kustomize-binary.js';
import { repoFileReader } from './repo-file-reader.js';
import { renderedManifests } from './rendered-manifests.js';
import { runKustomize } from './run-kustomize.js';
import { baselineProblem } from '../baseline-problem.js';

/** How roots are rendered: `scan` flags, or a DriftWatch's `spec.kustomize`. */
export interface RenderSettings {
  /** A kustomize or kubectl binary; default `kustomize` on PATH, else `kubectl`. */
  binary?: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
  allowRemoteBases?: boolean;
  /** Where binaries are looked up (the caller's PATH). */
  pathVariable?: string;
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
  const read = repoFileReader(realRoot);
  const trees = new Map<string, KustomizeTree>();
  for (const candidate of candidates) {
    if (!trees.has(candidate.path)) trees.set(candidate.path, await readKustomizeTree(candidate.path, read, { allowRemoteBases: settings.allowRemoteBases }));
  }
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
      known = readFile(join(realRoot, path), 'utf8').then(
        (text) => {
          const parsed = parseDocuments(text);
          return 'documents' in parsed ? parsed.documents : [];
        },
        () => [],
      );
      documents.set(path, known);
    }
    return known;
  };

  const renders = await mapLimit(roots, Math.min(4, availableParallelism()), async (tree): Promise<RootRender> => {
    const fail = (reason: string): RootRender => ({ manifests: [], problems: [baselineProblem('error', { path: tree.root }, `cannot render: ${reason}`)] });
    if (tree.problems.length > 0) {
      const more = tree.problems.length > 1 ? ` (and ${tree.problems.length - 1} more)` : '';
      return fail(`${tree.problems[0]}${more}`);
    }
    let found: KustomizeBinary;
    try {
      found = await (binary ??= findKustomizeBinary(settings.binary, settings.pathVariable));
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    const key = revision === undefined ? undefined : [revision, tree.root, found.label, settings.allowRemoteBases === true].join('\0');
    const cached = key === undefined ? undefined : settings.cache?.get(key);
    if (cached) return cached;
    const render = await renderRoot(realRoot, tree, found, settings, documentsOf, fail);
    if (key !== undefined && render.problems.length === 0) settings.cache?.set(key, render);
    return render;
  });

  return {
    manifests: renders.flatMap((render) => render.manifests),
    problems: [...problems, ...renders.flatMap((render) => render.problems)],
    trees: new Map(roots.map((tree) => [tree.root, tree])),
  };
}

/**
 * One build through a temporary wrapper kustomization that lists the root and adds
 * `buildMetadata: [originAnnotations]`, so that Git is never written to and each object names
 * its file.
 */
async function renderRoot(
  realRoot: string,
  tree: KustomizeTree,
  binary: KustomizeBinary,
  settings: RenderSettings,
  documentsOf: (path: string) => Promise<ParsedDocument[]>,
  fail: (reason: string) => RootRender,
): Promise<RootRender> {
  const wrapperDir = await realpath(await mkdtemp(join(tmpdir(), 'driftback-render-')));
  try {
    const target = relative(wrapperDir, join(realRoot, tree.root)).split(sep).join('/');
    await writeFile(join(wrapperDir, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    const outcome = await runKustomize(binary, wrapperDir, {
      home: wrapperDir,
      timeoutMs: settings.timeoutMs,
      maxOutputBytes: settings.maxOutputBytes,
      allowRemoteBases: settings.allowRemoteBases,
      pathVariable: settings.pathVariable,
    });
    if ('error' in outcome) return fail(repositoryPaths(outcome.error, [[`${realRoot}/`, ''], [target, tree.root], [`${wrapperDir}/`, '']]));
    return await renderedManifests({ root: tree.root, renderer: binary.label, tree, yaml: outcome.yaml, wrapperDir, realRoot, documentsOf });
  } finally {
    await rm(wrapperDir, { recursive: true, force: true });
  }
}

/** kustomize names files by absolute path: a person knows them by repository path. */
function repositoryPaths(message: string, replacements: [string, string][]): string {
  const line = replacements.reduce((text, [from, to]) => text.split(from).join(to), message);
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
