import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  isJsonObject,
  type JsonValue,
  type KustomizeGenerator,
  type KustomizeLayer,
  type KustomizePatch,
  type KustomizeReplacement,
  type KustomizeTree,
} from '../model/index.js';
import { KUSTOMIZATION_FILES, parseKustomization, selector, type GeneratorReference, type PatchReference, type ReplacementReference } from './parse-kustomization.js';
import { isRemoteReference } from './remote-reference.js';

/**
 * Reads a repository file (path relative to the repository root, with `/`): its text, or
 * undefined when there is no such file (a directory is not a file). It throws, with the reason as
 * the message, for a path it refuses (a symbolic link leading out of the repository).
 */
export type ReadRepoFile = (path: string) => Promise<string | undefined>;

export interface ReadTreeOptions {
  allowRemoteBases?: boolean;
}

/** The kinds kustomize runs without plugins (`apiVersion: builtin`); Helm's is refused on its own. */
const BUILTIN_KINDS = new Set([
  'AnnotationsTransformer', 'ConfigMapGenerator', 'HashTransformer', 'IAMPolicyGenerator', 'ImageTagTransformer',
  'LabelTransformer', 'NamespaceTransformer', 'PatchJson6902Transformer', 'PatchStrategicMergeTransformer',
  'PatchTransformer', 'PrefixSuffixTransformer', 'PrefixTransformer', 'ReplacementTransformer',
  'ReplicaCountTransformer', 'SecretGenerator', 'SortOrderTransformer', 'SuffixTransformer', 'ValueAddTransformer',
]);

/** The kustomization file of a directory, if it has one (kustomize's own order of names). */
async function findKustomizationFile(dir: string, read: ReadRepoFile): Promise<{ file: string; text: string } | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = dir === '.' ? name : `${dir}/${name}`;
    const text = await read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

/**
 * Walks a root's kustomization and everything it reaches, the way kustomize's loader would but
 * without running it, and checks what a sandboxed render must refuse. Flux's kustomize-controller
 * refuses paths outside the source and runs without plugins; the load restrictor allows a
 * kustomization to read files only in or below its own directory. Each refusal is one line.
 */
export async function readKustomizeTree(root: string, read: ReadRepoFile, options: ReadTreeOptions = {}): Promise<KustomizeTree> {
  const tree: KustomizeTree = { root, layers: new Map(), files: new Set(), remoteBases: [], problems: [] };
  const refuse = (line: string): void => void tree.problems.push(line);

  const readPaths = new Set<string>();
  const readInside = async (path: string): Promise<string | undefined> => {
    readPaths.add(path);
    try {
      return await read(path);
    } catch (error) {
      refuse(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const visit = async (dir: string): Promise<void> => {
    if (tree.layers.has(dir)) return;
    const found = await findKustomizationFile(dir, readInside);
    if (!found) return;
    const parsed = parseKustomization(found.file, found.text);
    const layer: KustomizeLayer = {
      dir, file: found.file, component: false, resourceFiles: [], bases: [], components: [],
      patches: [], images: [], replicas: [], replacements: [], generators: [], metadataWriters: [],
    };
    // Registered before its children are read, so that a cycle ends here (kustomize reports it).
    tree.layers.set(dir, layer);
    tree.files.add(found.file);
    if ('error' in parsed) return refuse(parsed.error);
    parsed.refused.forEach(refuse);
    Object.assign(layer, {
      component: parsed.component, namespace: parsed.namespace, namePrefix: parsed.namePrefix, nameSuffix: parsed.nameSuffix,
      images: parsed.images, replicas: parsed.replicas, metadataWriters: parsed.metadataWriters,
    });

    /** A file this kustomization reads: repository-relative, or undefined after a refusal. */
    const fileIn = (entry: string, field: string): string | undefined => {
      const path = resolveEntry(dir, entry);
      if (path === undefined) return void refuse(`${found.file}: ${field} entry "${entry}" leaves the repository`);
      if (!isBelow(dir, path)) {
        return void refuse(`${found.file}: ${field} entry "${entry}" is outside ${dir === '.' ? 'the repository root' : dir} (the load restrictor allows only files in or below a kustomization's directory)`);
      }
      tree.files.add(path);
      return path;
    };

    const kustomizationDirs = async (entries: string[], field: string): Promise<string[]> => {
      const dirs: string[] = [];
      for (const entry of entries) {
        if (isRemoteReference(entry)) {
          if (options.allowRemoteBases) tree.remoteBases.push(entry);
          else refuse(`${found.file}: ${field} entry "${entry}" is a remote base; remote bases are refused unless allowed (--allow-remote-bases)`);
          continue;
        }
        const path = resolveEntry(dir, entry);
        if (path === undefined) {
          refuse(`${found.file}: ${field} entry "${entry}" leaves the repository`);
        } else if (await findKustomizationFile(path, readInside)) {
          dirs.push(path);
          await visit(path);
        } else if (field === 'resources') {
          const file = fileIn(entry, field);
          if (file !== undefined) layer.resourceFiles.push(file);
        }
      }
      return dirs;
    };

    layer.bases = await kustomizationDirs(parsed.resources, 'resources');
    layer.components = await kustomizationDirs(parsed.components, 'components');
    for (const reference of parsed.patches) {
      const patch = await readPatch(reference, (entry) => fileIn(entry, reference.field), readInside);
      if (patch) layer.patches.push(patch);
    }
    for (const reference of parsed.replacements) {
      layer.replacements.push(await readReplacement(reference, (entry) => fileIn(entry, 'replacements'), readInside));
    }
    for (const reference of parsed.generators) {
      layer.generators.push(await readGenerator(reference, (entry) => fileIn(entry, reference.field), readInside));
    }
    for (const entry of parsed.otherFiles) fileIn(entry, 'crds/openapi/configurations');
    for (const { field, entry } of parsed.plugins) {
      const problem = await checkPlugin(found.file, field, entry, (path) => fileIn(path, field), readInside);
      if (problem) refuse(problem);
    }
  };

  await visit(root);
  // Every file the build reads passes the reader's checks (a symbolic link out is refused), read or not.
  for (const file of tree.files) if (!readPaths.has(file)) await readInside(file);
  return tree;
}

/** `dir`-relative entry to a repository path; undefined when it climbs out of the repository. */
function resolveEntry(dir: string, entry: string): string | undefined {
  if (posix.isAbsolute(entry)) return undefined;
  const path = posix.normalize(posix.join(dir, entry)).replace(/\/+$/, '') || '.';
  return path === '..' || path.startsWith('../') ? undefined : path;
}

function isBelow(dir: string, path: string): boolean {
  return dir === '.' || path === dir || path.startsWith(`${dir}/`);
}

async function readPatch(reference: PatchReference, fileIn: (entry: string) => string | undefined, read: ReadRepoFile): Promise<KustomizePatch | undefined> {
  let text = reference.inline;
  let path: string | undefined;
  if (text === undefined && reference.path !== undefined) {
    path = fileIn(reference.path);
    if (path === undefined) return undefined;
    text = await read(path);
  }
  const documents = text === undefined ? [] : yamlDocuments(text);
  const json6902 = reference.field === 'patchesJson6902' || (documents.length === 1 && Array.isArray(documents[0]));
  return {
    field: reference.field,
    index: reference.index,
    ...(path !== undefined ? { path } : {}),
    ...(reference.target ? { target: reference.target } : {}),
    format: json6902 ? 'json6902' : 'strategic-merge',
    documents: json6902 ? ((documents[0] as JsonValue[] | undefined) ?? []) : documents,
  };
}

async function readReplacement(reference: ReplacementReference, fileIn: (entry: string) => string | undefined, read: ReadRepoFile): Promise<KustomizeReplacement> {
  let values: JsonValue[] = reference.inline ? [reference.inline] : [];
  let path: string | undefined;
  if (reference.path !== undefined) {
    path = fileIn(reference.path);
    const text = path === undefined ? undefined : await read(path);
    values = text === undefined ? [] : yamlDocuments(text).flatMap((doc) => (Array.isArray(doc) ? doc : [doc]));
  }
  const targets = values.filter(isJsonObject).flatMap((replacement) =>
    (Array.isArray(replacement.targets) ? replacement.targets : []).filter(isJsonObject).map((target) => ({
      select: isJsonObject(target.select) ? selector(target.select) : {},
      fieldPaths: Array.isArray(target.fieldPaths) ? target.fieldPaths.filter((p): p is string => typeof p === 'string') : [],
    })),
  );
  return { index: reference.index, ...(path !== undefined ? { path } : {}), targets };
}

async function readGenerator(reference: GeneratorReference, fileIn: (entry: string) => string | undefined, read: ReadRepoFile): Promise<KustomizeGenerator> {
  const keys: KustomizeGenerator['keys'] = reference.literals.map((literal) => ({ key: literal.split('=')[0] ?? literal }));
  for (const entry of reference.files) {
    const eq = entry.indexOf('=');
    const file = fileIn(eq === -1 ? entry : entry.slice(eq + 1));
    if (file !== undefined) keys.push({ key: eq === -1 ? posix.basename(entry) : entry.slice(0, eq), file });
  }
  for (const entry of reference.envs) {
    const file = fileIn(entry);
    const text = file === undefined ? undefined : await read(file);
    for (const line of (text ?? '').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      keys.push({ key: trimmed.split('=')[0]!, file });
    }
  }
  return { field: reference.field, index: reference.index, name: reference.name, behavior: reference.behavior, keys };
}

/** Why a `generators`/`transformers`/`validators` entry must not run, or undefined for a built-in one. */
async function checkPlugin(
  file: string,
  field: string,
  entry: string,
  fileIn: (entry: string) => string | undefined,
  read: ReadRepoFile,
): Promise<string | undefined> {
  let text: string | undefined = entry;
  if (!entry.includes('\n')) {
    const path = fileIn(entry);
    if (path === undefined) return undefined;
    text = await read(path);
    if (text === undefined) {
      return (await findKustomizationFile(path, read)) ? `${file}: ${field} entry "${entry}" is a kustomization of plugin configurations, which is not supported` : undefined;
    }
  }
  for (const doc of yamlDocuments(text).filter(isJsonObject)) {
    const annotations = isJsonObject(doc.metadata) && isJsonObject(doc.metadata.annotations) ? doc.metadata.annotations : {};
    const kind = typeof doc.kind === 'string' ? doc.kind : '?';
    if (annotations['config.kubernetes.io/function'] !== undefined || annotations['config.k8s.io/function'] !== undefined) {
      return `${file}: ${field} entry "${entry}" runs a KRM function (${kind}); exec and container functions are disabled`;
    }
    if (kind === 'HelmChartInflationGenerator') return `${file}: ${field} entry "${entry}" inflates a Helm chart; helm is disabled`;
    if (doc.apiVersion !== 'builtin' || !BUILTIN_KINDS.has(kind)) {
      return `${file}: ${field} entry "${entry}" is a plugin (${String(doc.apiVersion)} ${kind}); plugins are disabled`;
    }
  }
  return undefined;
}

function yamlDocuments(text: string): JsonValue[] {
  try {
    return parseAllDocuments(text)
      .filter((doc) => doc.errors.length === 0)
      .map((doc) => doc.toJS() as JsonValue)
      .filter((value) => value !== null && value !== undefined);
  } catch {
    return [];
  }
}
