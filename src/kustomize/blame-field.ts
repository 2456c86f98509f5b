import {
  isJsonObject,
  type Change,
  type FieldSource,
  type KubeObject,
  type KustomizeGenerator,
  type KustomizeImage,
  type KustomizeLayer,
  type KustomizeMetadataWriter,
  type KustomizePatch,
  type KustomizeReplacement,
  type KustomizeReplicas,
  type KustomizeTree,
  type Manifest,
} from '../model/index.js';
import { imageName } from './image-reference.js';
import { matchesSelector, type ObjectAtLayer } from './match-selector.js';
import { fieldPathWrites, json6902Writes, strategicMergeWrites } from './writes-pointer.js';

const generatorKinds = { configMapGenerator: 'ConfigMapGenerator', secretGenerator: 'SecretGenerator' } as const;

/** What sets a field of a rendered object: the object's own file, or an entry of a kustomization. */
export type FieldWriter =
  | { kind: 'resource'; file: string }
  | { kind: 'generator'; file: string; layer: KustomizeLayer; generator: KustomizeGenerator }
  | { kind: 'patch'; file: string; layer: KustomizeLayer; patch: KustomizePatch }
  | { kind: 'images'; file: string; layer: KustomizeLayer; image: KustomizeImage }
  | { kind: 'replicas'; file: string; layer: KustomizeLayer; replicas: KustomizeReplicas }
  | { kind: 'replacement'; file: string; layer: KustomizeLayer; replacement: KustomizeReplacement }
  | { kind: 'metadata'; file: string; layer: KustomizeLayer; writer: KustomizeMetadataWriter };

export interface BlameInput {
  tree: KustomizeTree;
  /** The rendered object with its origin. */
  manifest: Manifest;
  /** Where the pointer's list indexes point: the live object (or the rendered one). */
  live: unknown;
  pointer: string;
}

/**
 * The last writer of one field, walking the layers from the object's file to the root in build
 * order (kustomize v5: components, then a kustomization's own patches, labels and annotations,
 * JSON 6902 patches, replicas, images and replacements; outer layers later). Undefined when Git
 * does not set the field at all. A static answer: codify confirms it by re-rendering.
 */
export function blameField(input: BlameInput): FieldWriter | undefined {
  const { tree, manifest, live } = input;
  const origin = manifest.origin;
  const segments = input.pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const chain = chainTo(tree, manifest);
  if (!origin || !chain) return undefined;

  const names = new Set([origin.name]);
  const at: ObjectAtLayer = { object: manifest.object, names };
  const dataKey = origin.generator ? /^\/(?:data|binaryData)\/([^/]+)$/.exec(input.pointer)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  let last: FieldWriter | undefined = !origin.generator && valueAt(manifest.object, segments) !== undefined ? { kind: 'resource', file: manifest.source.path } : undefined;

  const apply = (layer: KustomizeLayer): void => {
    for (const dir of layer.components) {
      const component = tree.layers.get(dir);
      if (component) apply(component);
    }
    for (const generator of layer.generators) {
      if (generator.name !== origin.name || generatorKinds[generator.field] !== origin.generator) continue;
      const key = generator.keys.find((entry) => entry.key === dataKey);
      // A merge adds its keys; create and replace start the data over.
      if (key) last = { kind: 'generator', file: key.file ?? layer.file, layer, generator };
      else if (generator.behavior !== 'merge') last = undefined;
    }
    last = lastWriterIn(layer, at, live, segments, input.pointer, manifest.object) ?? last;
    const current = [...names].at(-1)!;
    names.add(`${layer.namePrefix ?? ''}${current}${layer.nameSuffix ?? ''}`);
  };
  for (const layer of [...chain].reverse()) apply(layer);
  return last;
}

/** For `--explain`: which file set each drifted field of a rendered object. */
export function fieldSources(tree: KustomizeTree, manifest: Manifest, live: unknown, changes: readonly Change[]): FieldSource[] {
  return changes.map((change) => {
    const writer = blameField({ tree, manifest, live, pointer: change.path });
    return writer ? { path: change.path, file: describeWriter(writer) } : { path: change.path };
  });
}

/** The writer file, and which entry it is, as a person would look it up. */
export function describeWriter(writer: FieldWriter): string {
  switch (writer.kind) {
    case 'resource':
      return writer.file;
    case 'generator':
      return `${writer.file} (${writer.generator.field}[${writer.generator.index}] ${writer.generator.name})`;
    case 'patch':
      return writer.patch.path ? `${writer.file} (${writer.patch.field}[${writer.patch.index}] of ${writer.layer.file})` : `${writer.file} ${writer.patch.field}[${writer.patch.index}] (inline patch)`;
    case 'images':
      return `${writer.file} images[${writer.image.index}] (${writer.image.name})`;
    case 'replicas':
      return `${writer.file} replicas[${writer.replicas.index}] (${writer.replicas.name})`;
    case 'replacement':
      return `${writer.replacement.path ?? writer.file} (replacements[${writer.replacement.index}] of ${writer.layer.file})`;
    case 'metadata':
      return `${writer.file} ${writer.writer.field}`;
  }
}

function lastWriterIn(layer: KustomizeLayer, at: ObjectAtLayer, live: unknown, segments: string[], pointer: string, rendered: KubeObject): FieldWriter | undefined {
  let last: FieldWriter | undefined;
  const file = layer.file;
  const patchesOf = (fields: KustomizePatch['field'][]) => layer.patches.filter((patch) => fields.includes(patch.field));
  for (const patch of patchesOf(['patchesStrategicMerge', 'patches'])) {
    if (patchWrites(patch, at, live, segments)) last = { kind: 'patch', file: patch.path ?? file, layer, patch };
  }
  for (const writer of layer.metadataWriters) {
    if (metadataWrites(writer, pointer)) last = { kind: 'metadata', file, layer, writer };
  }
  for (const patch of patchesOf(['patchesJson6902'])) {
    if (patchWrites(patch, at, live, segments)) last = { kind: 'patch', file: patch.path ?? file, layer, patch };
  }
  if (pointer === '/spec/replicas') {
    for (const replicas of layer.replicas) if (at.names.has(replicas.name)) last = { kind: 'replicas', file, layer, replicas };
  }
  if (/\/(containers|initContainers)\/\d+\/image$/.test(pointer)) {
    const image = valueAt(rendered, segments);
    for (const entry of layer.images) {
      if (typeof image === 'string' && imageName(image) === (entry.newName ?? entry.name)) last = { kind: 'images', file, layer, image: entry };
    }
  }
  for (const replacement of layer.replacements) {
    const writes = replacement.targets.some(
      (target) => matchesSelector(target.select, at) && target.fieldPaths.some((path) => fieldPathWrites(path, live, segments)),
    );
    if (writes) last = { kind: 'replacement', file, layer, replacement };
  }
  return last;
}

function patchWrites(patch: KustomizePatch, at: ObjectAtLayer, live: unknown, segments: string[]): boolean {
  if (patch.format === 'json6902') {
    return patch.target !== undefined && matchesSelector(patch.target, at) && patch.documents.some((operation) => json6902Writes(operation, segments));
  }
  return patch.documents.some((document) => {
    if (!isJsonObject(document)) return false;
    const targeted = patch.target ? matchesSelector(patch.target, at) : identifies(document, at);
    return targeted && strategicMergeWrites(document, live, segments);
  });
}

/** A strategic-merge patch without a target applies to the object of its own kind and name. */
function identifies(document: Record<string, unknown>, at: ObjectAtLayer): boolean {
  const metadata = isJsonObject(document.metadata) ? document.metadata : {};
  return document.kind === at.object.kind && typeof metadata.name === 'string' && at.names.has(metadata.name);
}

function metadataWrites(writer: KustomizeMetadataWriter, pointer: string): boolean {
  const match = /^((?:\/spec\/template)?\/metadata\/(labels|annotations)|\/spec\/selector(?:\/matchLabels)?)\/([^/]+)$/.exec(pointer);
  if (!match) return false;
  const [, place, , key] = match;
  const isLabel = writer.field !== 'commonAnnotations';
  if (!writer.keys.includes(key!.replace(/~1/g, '/').replace(/~0/g, '~'))) return false;
  if (place === '/metadata/labels') return isLabel;
  if (place === '/metadata/annotations') return !isLabel;
  if (place === '/spec/template/metadata/labels') return isLabel && writer.templates;
  if (place === '/spec/template/metadata/annotations') return !isLabel && writer.templates;
  return isLabel && writer.selectors;
}

/**
 * The layers an object passes through, root first, down to the kustomization that lists its file
 * (or whose generator made it). A component that lists the file is applied by its parent, so the
 * chain ends at the parent.
 */
function chainTo(tree: KustomizeTree, manifest: Manifest): KustomizeLayer[] | undefined {
  const { path } = manifest.source;
  const owns = (layer: KustomizeLayer): boolean =>
    manifest.origin?.generator ? layer.file === path && layer.generators.some((g) => g.name === manifest.origin!.name) : layer.resourceFiles.includes(path);
  const seen = new Set<string>();
  const search = (dir: string): KustomizeLayer[] | undefined => {
    const layer = tree.layers.get(dir);
    if (!layer || seen.has(dir)) return undefined;
    seen.add(dir);
    if (owns(layer)) return [layer];
    for (const component of layer.components) {
      const inner = tree.layers.get(component);
      if (inner && (owns(inner) || search(component))) return [layer];
    }
    for (const base of layer.bases) {
      const below = search(base);
      if (below) return [layer, ...below];
    }
    return undefined;
  };
  return search(tree.root);
}

function valueAt(object: unknown, segments: readonly string[]): unknown {
  let cursor = object;
  for (const segment of segments) {
    if (Array.isArray(cursor)) cursor = cursor[Number(segment)];
    else if (isJsonObject(cursor)) cursor = cursor[segment];
    else return undefined;
  }
  return cursor;
}
