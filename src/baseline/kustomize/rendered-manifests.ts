import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { isJsonObject, type BaselineProblem, type KubeObject, type KustomizeTree, type Manifest } from '../../model/index.js';
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
  realRoot: string;
  /** Reads a repository file's documents (cached by the caller). */
  documentsOf(path: string): Promise<ParsedDocument[]>;
}

/**
 * The objects of one build with their sources: the origin annotation (added by the wrapper's
 * `buildMetadata: [originAnnotations]`) names the file each object came from, or the
 * kustomization whose generator made it; the annotation is removed before anything compares.
 */
export async function renderedManifests(build: RenderedBuild): Promise<{ manifests: Manifest[]; problems: BaselineProblem[] }> {
  const parsed = parseDocuments(build.yaml);
  if (!('documents' in parsed)) {
    const why = 'error' in parsed ? `line ${parsed.error.line}: ${parsed.error.reason}` : `template syntax at line ${parsed.template.line}`;
    return { manifests: [], problems: [baselineProblem('error', { path: build.root }, `cannot read the rendered output: ${why}`)] };
  }
  const manifests: Manifest[] = [];
  for (const doc of parsed.documents) {
    const object = doc.value;
    if (!isJsonObject(object) || !isJsonObject(object.metadata) || typeof object.metadata.name !== 'string') continue;
    const kube = object as unknown as KubeObject;
    const origin = takeOrigin(kube);
    manifests.push(await placed(build, kube, origin));
  }
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

async function placed(build: RenderedBuild, object: KubeObject, origin: OriginAnnotation): Promise<Manifest> {
  const { apiVersion, kind, metadata } = object;
  const namespace = metadata.namespace || undefined;
  const ref = { apiVersion, kind, ...(namespace ? { namespace } : {}), name: metadata.name };
  const rootFile = build.tree.layers.get(build.root)?.file ?? build.root;
  const where = { root: build.root, renderer: build.renderer };

  const repoPath = (path: string | undefined): string | undefined => {
    if (path === undefined || origin.repo !== undefined) return undefined;
    const rel = relative(build.realRoot, resolve(build.wrapperDir, path));
    return rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };

  if (origin.configuredIn !== undefined) {
    const file = repoPath(origin.configuredIn);
    const generator = origin.configuredBy?.kind ?? 'generator';
    const name = generatorName(build.tree, file, generator, metadata.name);
    if (file === undefined) return { ref, object, source: { path: rootFile, document: 0, ...where }, origin: { name, generator, remote: true } };
    return { ref, object, source: { path: file, document: 0, ...where }, origin: { name, generator } };
  }
  const file = repoPath(origin.path);
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
