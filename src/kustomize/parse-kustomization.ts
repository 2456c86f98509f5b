import { parse, YAMLParseError } from 'yaml';
import { isJsonObject, type JsonObject, type JsonValue, type KustomizeImage, type KustomizeMetadataWriter, type KustomizeReplicas, type ObjectSelector } from '../model/index.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A patch as written: a file to read, or the patch text itself. */
export interface PatchReference {
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  index: number;
  path?: string;
  inline?: string;
  target?: ObjectSelector;
}

export interface GeneratorReference {
  field: 'configMapGenerator' | 'secretGenerator';
  index: number;
  name: string;
  behavior: 'create' | 'merge' | 'replace';
  literals: string[];
  /** `key=path` or `path`. */
  files: string[];
  envs: string[];
}

export interface ReplacementReference {
  index: number;
  path?: string;
  inline?: JsonObject;
}

/** A kustomization file with its references as written (relative to its directory). */
export interface KustomizationFile {
  component: boolean;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** `resources` and the legacy `bases`: files, directories or remote references. */
  resources: string[];
  components: string[];
  patches: PatchReference[];
  images: KustomizeImage[];
  replicas: KustomizeReplicas[];
  replacements: ReplacementReference[];
  generators: GeneratorReference[];
  metadataWriters: KustomizeMetadataWriter[];
  /** `generators`, `transformers` and `validators`: plugin configurations (files or inline YAML). */
  plugins: { field: string; entry: string }[];
  /** Other files the build reads: `crds`, `openapi.path`, `configurations`. */
  otherFiles: string[];
  /** Fields that are never rendered here, each as the reason. */
  refused: string[];
}

/** Parses a kustomization file's text; a file that is not a YAML mapping yields its error as `file:line:col: reason`. */
export function parseKustomization(file: string, text: string): KustomizationFile | { error: string } {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const before = text.slice(0, error.pos[0]).split('\n');
      return { error: `${file}:${before.length}:${before.at(-1)!.length + 1}: ${error.message.split('\n')[0]}` };
    }
    throw error;
  }
  if (value === null || value === undefined) value = {};
  if (!isJsonObject(value)) return { error: `${file}: not a kustomization (the file is not a YAML mapping)` };
  const k = value;
  const refused: string[] = [];
  if (k.helmCharts !== undefined || k.helmGlobals !== undefined || k.helmChartInflationGenerator !== undefined) {
    refused.push(`${file}: helmCharts: Helm charts are not rendered (helm is disabled)`);
  }
  return {
    component: k.kind === 'Component',
    namespace: str(k.namespace),
    namePrefix: str(k.namePrefix),
    nameSuffix: str(k.nameSuffix),
    resources: [...strings(k.resources), ...strings(k.bases)],
    components: strings(k.components),
    patches: patchReferences(k),
    images: list(k.images).flatMap((entry, index) => {
      const name = str(entry.name);
      return name === undefined ? [] : [{ index, name, newName: str(entry.newName), newTag: str(entry.newTag), digest: str(entry.digest) }];
    }),
    replicas: list(k.replicas).flatMap((entry, index) => {
      const name = str(entry.name);
      const count = typeof entry.count === 'number' ? entry.count : Number(entry.count);
      return name === undefined || !Number.isInteger(count) ? [] : [{ index, name, count }];
    }),
    replacements: list(k.replacements).map((entry, index) => {
      const path = str(entry.path);
      return path === undefined ? { index, inline: entry } : { index, path };
    }),
    generators: [...generatorReferences(k, 'configMapGenerator'), ...generatorReferences(k, 'secretGenerator')],
    metadataWriters: metadataWriters(k),
    plugins: (['generators', 'transformers', 'validators'] as const).flatMap((field) => strings(k[field]).map((entry) => ({ field, entry }))),
    otherFiles: [...strings(k.crds), ...strings(k.configurations), ...(isJsonObject(k.openapi) && str(k.openapi.path) ? [str(k.openapi.path)!] : [])],
    refused,
  };
}

function patchReferences(k: JsonObject): PatchReference[] {
  const patches: PatchReference[] = [];
  strings(k.patchesStrategicMerge).forEach((entry, index) => {
    // An entry with a line break is the patch itself (kustomize accepts both).
    patches.push(entry.includes('\n') ? { field: 'patchesStrategicMerge', index, inline: entry } : { field: 'patchesStrategicMerge', index, path: entry });
  });
  for (const field of ['patches', 'patchesJson6902'] as const) {
    list(k[field]).forEach((entry, index) => {
      const target = isJsonObject(entry.target) ? selector(entry.target) : undefined;
      patches.push({ field, index, path: str(entry.path), inline: str(entry.patch), target });
    });
  }
  return patches;
}

function generatorReferences(k: JsonObject, field: GeneratorReference['field']): GeneratorReference[] {
  return list(k[field]).flatMap((entry, index) => {
    const name = str(entry.name);
    if (name === undefined) return [];
    const behavior = entry.behavior === 'merge' || entry.behavior === 'replace' ? entry.behavior : 'create';
    const envs = [...strings(entry.envs), ...(str(entry.env) ? [str(entry.env)!] : [])];
    return [{ field, index, name, behavior, literals: strings(entry.literals), files: strings(entry.files), envs }];
  });
}

function metadataWriters(k: JsonObject): KustomizeMetadataWriter[] {
  const writers: KustomizeMetadataWriter[] = [];
  for (const entry of list(k.labels)) {
    if (!isJsonObject(entry.pairs)) continue;
    writers.push({ field: 'labels', keys: Object.keys(entry.pairs), selectors: entry.includeSelectors === true, templates: entry.includeTemplates === true || entry.includeSelectors === true });
  }
  if (isJsonObject(k.commonLabels)) writers.push({ field: 'commonLabels', keys: Object.keys(k.commonLabels), selectors: true, templates: true });
  if (isJsonObject(k.commonAnnotations)) writers.push({ field: 'commonAnnotations', keys: Object.keys(k.commonAnnotations), selectors: false, templates: true });
  return writers;
}

export function selector(value: JsonObject): ObjectSelector {
  const fields = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const;
  const result: ObjectSelector = {};
  for (const field of fields) {
    const text = str(value[field]);
    if (text !== undefined) result[field] = text;
  }
  return result;
}

function str(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  // `newTag: 1.26` is a number to YAML and the tag "1.26" to kustomize.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function list(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}
