import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { isJsonObject, type BaselineProblem, type KubeObject, type KustomizePatch, type KustomizeTree, type Manifest } from '../../model/index.js';
import { parseDocuments, type ParsedDocument } from '../parse-documents.js';
import { baselineProblem } from '../baseline-problem.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface RenderedBuild {
  root: string;
  renderer: string;
  tree: KustomizeTree;
  /** kustomize's output. */
  yaml: string;
  /** The directory of the wrapper kustomization: origin paths are relative to it. */
  wrapperDir: string;
  /** The wrapper asked for origin annotations (`buildMetadata: [originAnnotations]`). */
  annotated: boolean;
  realRoot: string;
  /** Reads a repository file's documents (cached by the caller). */
  documentsOf(path: string): Promise<ParsedDocument[]>;
}

/** Where an object came from, in the repository: its file, or the kustomization whose generator made it; undefined outside. */
interface Source {
  file: string | undefined;
  /** `ConfigMapGenerator`, `SecretGenerator`: `file` is the kustomization holding the entry. */
  generator?: string;
}

/**
 * The objects of one build with their sources. An annotated build names each object's file (or
 * generating kustomization) in the origin annotation, removed before anything compares. A build
 * without annotations costs kustomize less: each object is then matched to the one document or
 * generator entry of the root's tree it can come from (same kind, the longest name the rendered
 * name contains), and only when that is a one-to-one match of every object with every source,
 * with nothing in the tree that renames objects, is it used. Otherwise `annotate` says the root
 * must be built again with annotations.
 */
export async function renderedManifests(build: RenderedBuild): Promise<{ manifests: Manifest[]; problems: BaselineProblem[] } | { annotate: true }> {
  const parsed = parseDocuments(build.yaml);
  if (!('documents' in parsed)) {
    const why = 'error' in parsed ? `line ${parsed.error.line}: ${parsed.error.reason}` : `template syntax at line ${parsed.template.line}`;
    return { manifests: [], problems: [baselineProblem('error', { path: build.root }, `cannot read the rendered output: ${why}`)] };
  }
  const objects: KubeObject[] = [];
  for (const doc of parsed.documents) {
    const object = doc.value;
    if (!isJsonObject(object) || !isJsonObject(object.metadata) || typeof object.metadata.name !== 'string') continue;
    objects.push(object as unknown as KubeObject);
  }
  let sources: Source[] | undefined;
  if (build.annotated) {
    sources = objects.map((object) => annotatedSource(build, takeOrigin(object)));
  } else {
    // The repository's own buildMetadata: its annotations are read (and removed) as the wrapper's would be.
    if (objects.some((object) => object.metadata.annotations?.[ORIGIN_ANNOTATION] !== undefined)) return { annotate: true };
    sources = await sourcesByIdentity(build.tree, objects, build.documentsOf);
    if (!sources) return { annotate: true };
  }
  const manifests: Manifest[] = [];
  for (const [index, object] of objects.entries()) manifests.push(await placed(build, object, sources[index]!));
  return { manifests, problems: [] };
}

interface OriginAnnotation {
  path?: string;
  repo?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string; name?: string };
}

function takeOrigin(object: KubeObject): OriginAnnotation {
  const annotations = object.metadata.annotations;
  const text = annotations?.[ORIGIN_ANNOTATION];
  if (!annotations || text === undefined) return {};
  const { [ORIGIN_ANNOTATION]: _origin, ...rest } = annotations;
  if (Object.keys(rest).length > 0) object.metadata.annotations = rest;
  else delete object.metadata.annotations;
  const value: unknown = parse(text);
  return isJsonObject(value) ? (value as OriginAnnotation) : {};
}

function annotatedSource(build: RenderedBuild, origin: OriginAnnotation): Source {
  const repoPath = (path: string | undefined): string | undefined => {
    if (path === undefined || origin.repo !== undefined) return undefined;
    const rel = relative(build.realRoot, resolve(build.wrapperDir, path));
    return rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };
  if (origin.configuredIn !== undefined) return { file: repoPath(origin.configuredIn), generator: origin.configuredBy?.kind ?? 'generator' };
  return { file: repoPath(origin.path) };
}

interface Candidate {
  kind: string;
  name: string;
  file: string;
  generator?: string;
}

/**
 * Each object's source found from the tree alone, or undefined when that is not certain: a remote
 * base, a plugin entry, a replacement or a patch that may rename an object, a generator entry
 * that replaces another, a resource document that is not one named object, or any object with no single best source, any source used twice
 * or not at all.
 */
async function sourcesByIdentity(tree: KustomizeTree, objects: readonly KubeObject[], documentsOf: (path: string) => Promise<ParsedDocument[]>): Promise<Source[] | undefined> {
  if (tree.remoteBases.length > 0) return undefined;
  const byKind = new Map<string, Candidate[]>();
  let count = 0;
  const add = (candidate: Candidate): void => {
    const known = byKind.get(candidate.kind);
    if (known) known.push(candidate);
    else byKind.set(candidate.kind, [candidate]);
    count++;
  };
  for (const layer of tree.layers.values()) {
    if (layer.plugins > 0 || layer.replacements.length > 0 || layer.patches.some(mayRename)) return undefined;
    for (const file of layer.resourceFiles) {
      for (const doc of await documentsOf(file)) {
        const value = doc.value;
        if (!isJsonObject(value) || typeof value.kind !== 'string' || !isJsonObject(value.metadata) || typeof value.metadata.name !== 'string' || 'items' in value) return undefined;
        add({ kind: value.kind, name: value.metadata.name, file });
      }
    }
    for (const generator of layer.generators) {
      // A merge changes an object generated (or listed) elsewhere, which keeps its origin; what a replace keeps is not relied on.
      if (generator.behavior === 'replace') return undefined;
      if (generator.behavior === 'merge') continue;
      const secret = generator.field === 'secretGenerator';
      add({ kind: secret ? 'Secret' : 'ConfigMap', name: generator.name, file: layer.file, generator: secret ? 'SecretGenerator' : 'ConfigMapGenerator' });
    }
  }
  if (count !== objects.length) return undefined;
  const used = new Set<Candidate>();
  const sources: Source[] = [];
  for (const object of objects) {
    let best: Candidate | undefined;
    let tied = false;
    for (const candidate of byKind.get(object.kind) ?? []) {
      if (!object.metadata.name.includes(candidate.name)) continue;
      if (!best || candidate.name.length > best.name.length) [best, tied] = [candidate, false];
      else if (candidate.name.length === best.name.length) tied = true;
    }
    if (!best || tied || used.has(best)) return undefined;
    used.add(best);
    sources.push(best.generator === undefined ? { file: best.file } : { file: best.file, generator: best.generator });
  }
  return sources;
}

/** A JSON 6902 operation on the name, kind or whole metadata, or a targeted patch naming another object (`allowNameChange`). */
function mayRename(patch: KustomizePatch): boolean {
  if (patch.format === 'json6902') {
    return patch.documents.some((op) => {
      if (!isJsonObject(op)) return true;
      return [op.path, op.from].some((path) => typeof path === 'string' && /^\/?$|^\/kind(\/|$)|^\/metadata(\/name(\/|$)|\/?$)/.test(path));
    });
  }
  const target = patch.target?.name;
  return patch.target !== undefined && patch.documents.some((doc) => isJsonObject(doc) && isJsonObject(doc.metadata) && doc.metadata.name !== undefined && doc.metadata.name !== target);
}

async function placed(build: RenderedBuild, object: KubeObject, source: Source): Promise<Manifest> {
  const { apiVersion, kind, metadata } = object;
  const namespace = metadata.namespace || undefined;
  const ref = { apiVersion, kind, ...(namespace ? { namespace } : {}), name: metadata.name };
  const rootFile = build.tree.layers.get(build.root)?.file ?? build.root;
  const where = { root: build.root, renderer: build.renderer };
  const { file } = source;

  if (source.generator !== undefined) {
    const generator = source.generator;
    const name = generatorName(build.tree, file, generator, metadata.name);
    if (file === undefined) return { ref, object, source: { path: rootFile, document: 0, ...where }, origin: { name, generator, remote: true } };
    return { ref, object, source: { path: file, document: 0, ...where }, origin: { name, generator } };
  }
  if (file === undefined) return { ref, object, source: { path: rootFile, document: 0, ...where }, origin: { name: metadata.name, remote: true } };
  const match = findDocument(await build.documentsOf(file), object);
  return {
    ref,
    object,
    source: { path: file, document: match?.index ?? 0, ...(match ? { line: match.line } : {}), ...where },
    origin: { name: match?.name ?? metadata.name },
  };
}

/**
 * The document of a file that produced the object: same kind, and the name that the rendered
 * name was built from (prefixes and suffixes only add to it); the longest such name wins.
 */
function findDocument(documents: ParsedDocument[], object: KubeObject): { index: number; line: number; name: string } | undefined {
  let best: { index: number; line: number; name: string } | undefined;
  for (const doc of documents) {
    const value = doc.value;
    if (!isJsonObject(value) || value.kind !== object.kind || !isJsonObject(value.metadata)) continue;
    const name = value.metadata.name;
    if (typeof name !== 'string' || !object.metadata.name.includes(name)) continue;
    if (!best || name.length > best.name.length) best = { index: doc.index, line: doc.line, name };
  }
  return best;
}

/** The generator entry's own name: the rendered one carries prefixes, suffixes and a hash. */
function generatorName(tree: KustomizeTree, file: string | undefined, generator: string, rendered: string): string {
  const field = generator === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
  const layer = [...tree.layers.values()].find((candidate) => candidate.file === file);
  const names = (layer?.generators ?? []).filter((g) => g.field === field && rendered.includes(g.name)).map((g) => g.name);
  return names.sort((a, b) => b.length - a.length)[0] ?? rendered;
}
