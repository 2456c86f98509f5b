import { parseAllDocuments } from 'yaml';
import { describeRef, groupOf, isJsonObject, objectKey, type Change, type DriftResult, type JsonObject, type KubeObject, type KustomizeTree, type Manifest } from '../../model/index.js';
import type { FileWrite } from '../git-port.js';
import type { CodifiedObject, EditPlan, SourceEditor } from '../plan-edits.js';
import { chooseWriteBack } from './choose-write-back.js';
import { appendEntry, imageEntryChanges, mergeLiteralChange, replicasEntryChange, withChanges } from './kustomization-changes.js';
import { json6902Patch, needsJson6902, patchEntry, patchFileText, strategicMergePatch, type PatchTarget } from './new-patch.js';
import { OverlayFiles, type BaseBranchFiles } from './overlay-files.js';
import type { KustomizeRenderPort } from './render-port.js';
import { compareRenders, keyOf, unexpectedDifferences } from './verify-render.js';

/** A drifted object that a Kustomize root rendered, with the changes that may be codified. */
export interface OverlayItem {
  result: DriftResult;
  manifest: Manifest;
  changes: Change[];
}

export interface OverlayPlanInput {
  items: readonly OverlayItem[];
  live: ReadonlyMap<string, KubeObject>;
  files: BaseBranchFiles;
  /** Absent when no kustomize binary is available: nothing rendered is codified then. */
  renderer?: KustomizeRenderPort;
  editor: SourceEditor;
}

export type OverlayPlan = Pick<EditPlan, 'codified' | 'skipped' | 'notes'> & { writes: FileWrite[] };

/**
 * Writes compliant drift of rendered objects into the overlay (the root) that builds them, never
 * into a base or component, and proves each object's edit by rendering the root again: only the
 * drifted fields of that object may change, each to its live value. An edit that does anything
 * else is dropped and the pull request says why.
 */
export async function planOverlayEdits(input: OverlayPlanInput): Promise<OverlayPlan> {
  const plan: OverlayPlan = { writes: [], codified: [], skipped: [], notes: [] };
  if (input.items.length === 0) return plan;
  const skipAll = (items: readonly OverlayItem[], reason: string): void => {
    for (const { result } of items) plan.skipped.push({ result, reason });
  };
  const { renderer } = input;
  if (!renderer) {
    skipAll(input.items, 'no kustomize binary is available to prove the edit by rendering');
    return plan;
  }
  const files = await OverlayFiles.open(input.files);
  const byRoot = new Map<string, OverlayItem[]>();
  for (const item of input.items) byRoot.set(item.manifest.source.root!, [...(byRoot.get(item.manifest.source.root!) ?? []), item]);

  for (const [root, items] of byRoot) {
    const tree = await files.tree(root);
    const layer = tree.layers.get(root);
    if (!layer) {
      skipAll(items, `${root} has no kustomization on the base branch`);
      continue;
    }
    if (tree.problems.length > 0) {
      skipAll(items, `${root} cannot be rendered: ${tree.problems[0]}`);
      continue;
    }
    const includer = await otherRootReading(files, root);
    if (includer) {
      skipAll(items, `${includer} also builds files of ${root}; editing them would change that output too`);
      continue;
    }
    const first = await renderer.render(await files.filesOf(tree), root);
    if ('error' in first) {
      skipAll(items, `${root} does not render on the base branch: ${first.error}`);
      continue;
    }
    let current = first.objects;
    for (const item of items) {
      const after = await codifyObject(item, root, tree, current, files, input, plan);
      if (after) current = after;
    }
  }
  plan.writes = await files.writes();
  return plan;
}

async function codifyObject(
  item: OverlayItem,
  root: string,
  tree: KustomizeTree,
  current: KubeObject[],
  files: OverlayFiles,
  input: OverlayPlanInput,
  plan: OverlayPlan,
): Promise<KubeObject[] | undefined> {
  const { result } = item;
  const skip = (reason: string, change?: Change): void => void plan.skipped.push({ result, ...(change ? { change } : {}), reason });
  const rendered = findRendered(current, result.object);
  const live = input.live.get(objectKey(result.object));
  if (!rendered || !live) {
    skip(rendered ? 'the live object is not available' : `${root} on the base branch does not render this object`);
    return undefined;
  }
  const manifest: Manifest = { ...item.manifest, object: rendered };
  const kustomizationFile = tree.layers.get(root)!.file;
  const kustomization = parseFirst(await files.read(kustomizationFile));
  const texts = new Map<string, string | undefined>();
  for (const path of tree.files) texts.set(path, await files.read(path));

  const kustomizationChanges: Change[] = [];
  const patchChanges = new Map<string, Change[]>();
  const newPatch: Change[] = [];
  const wanted: Change[] = [];
  let generator: string | undefined;
  const addToKustomization = (change: Change): void => void kustomizationChanges.push(change);
  for (const change of item.changes) {
    const choice = chooseWriteBack({ tree, manifest, live, change, textOf: (path) => texts.get(path) });
    const now = withChanges(kustomization, kustomizationChanges);
    if (choice.rule === 'R0') {
      skip(choice.reason, change);
      continue;
    }
    wanted.push(change);
    if (choice.rule === 'R1' && choice.writer.kind === 'images' && typeof change.live === 'string') {
      imageEntryChanges(now, choice.writer.image.index, change.live).forEach(addToKustomization);
    } else if (choice.rule === 'R1' && choice.writer.kind === 'replicas' && change.live !== undefined) {
      addToKustomization(replicasEntryChange(now, choice.writer.replicas.index, change.live));
    } else if (choice.rule === 'R2') {
      const edit = patchFileChange(choice.writer.patch, change);
      if (edit) patchChanges.set(choice.writer.patch.path!, [...(patchChanges.get(choice.writer.patch.path!) ?? []), edit]);
      else newPatch.push(change);
    } else if (choice.rule === 'generator') {
      addToKustomization(mergeLiteralChange(now, choice.name, choice.key, change.live as string));
      generator = choice.name;
    } else {
      newPatch.push(change);
    }
  }
  if (wanted.length === 0) return undefined;

  const snapshot = files.snapshot();
  const refuse = (reason: string): undefined => {
    files.restore(snapshot);
    for (const change of wanted) skip(reason, change);
    return undefined;
  };
  if (newPatch.length > 0) {
    const target = await patchTarget(manifest, files);
    const json6902 = needsJson6902(target.apiVersion);
    const file = freeFileName(files, root, `driftback-${target.kind.toLowerCase()}-${target.name}.yaml`);
    const value = json6902 ? json6902Patch(newPatch) : strategicMergePatch(target, newPatch, live);
    files.write(file, patchFileText(describeRef(result.object), value));
    addToKustomization(appendEntry(withChanges(kustomization, kustomizationChanges), 'patches', patchEntry(relativeTo(root, file), target, json6902)));
  }
  for (const [path, changes] of patchChanges) {
    const text = (await files.read(path)) ?? '';
    const index = patchDocumentIndex(text, rendered.kind, changes[0]!);
    const document = parseAll(text)[index];
    const edit = input.editor(text, index, changes, { live: withPatchValues(document, changes, live), baseline: (document ?? {}) as KubeObject });
    if (edit.skipped.length > 0) return refuse(`its patch ${path} could not be edited: ${edit.skipped[0]!.reason}`);
    files.write(path, edit.text);
  }
  if (kustomizationChanges.length > 0) {
    const text = (await files.read(kustomizationFile)) ?? '';
    const edit = input.editor(text, 0, kustomizationChanges, { live: withChanges(kustomization, kustomizationChanges) as unknown as KubeObject, baseline: kustomization as unknown as KubeObject });
    if (edit.skipped.length > 0) return refuse(`${kustomizationFile} could not be edited: ${edit.skipped[0]!.reason}`);
    files.write(kustomizationFile, edit.text);
  }

  const rerendered = await input.renderer!.render(await files.filesOf(await files.tree(root)), root);
  if ('error' in rerendered) return refuse(`${root} no longer renders after the edit: ${rerendered.error}`);
  const comparison = compareRenders(current, rerendered.objects);
  const problems = unexpectedDifferences(comparison, keyOf(rendered), wanted);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    return refuse(`a re-render of ${root} with the edit changes more than the drifted field: ${problems.slice(0, 3).join('; ')}${more}`);
  }
  if (generator !== undefined) plan.notes.push({ result, note: generatorNote(result, generator, comparison.renamed) });
  plan.codified.push({ result, applied: wanted, deleted: false } satisfies CodifiedObject);
  return rerendered.objects;
}

/**
 * Another kustomization of the repository that builds the root or reads a file in it (one in a
 * parent directory may list a file below it). Its own sub-kustomizations are the root's business.
 */
async function otherRootReading(files: OverlayFiles, root: string): Promise<string | undefined> {
  const inside = (path: string): boolean => root === '.' || path.startsWith(`${root}/`);
  for (const dir of files.kustomizationDirs()) {
    if (dir === root || inside(dir)) continue;
    const tree = await files.tree(dir);
    if (tree.layers.has(root) || [...tree.files].some(inside)) return dir;
  }
  return undefined;
}

function generatorNote(result: DriftResult, name: string, renamed: ReadonlyMap<string, string>): string {
  const names = [...renamed].map(([from, to]) => `${from} -> ${to}`).join(', ');
  return `${describeRef(result.object)} is generated by configMapGenerator ${name}: the change gives it a new hash suffix (${names || 'a new name'}), so the workloads that use it roll their pods when it is applied.`;
}

/** An R2 change in a patch file's own coordinates: strategic-merge documents take the object's pointer, JSON 6902 files the operation's value. */
function patchFileChange(patch: { format: string; documents: unknown[] }, change: Change): Change | undefined {
  if (patch.format !== 'json6902') return change;
  if (change.op === 'remove') return undefined;
  const index = patch.documents.findIndex((op) => isJsonObject(op) && op.path === change.path && (op.op === 'add' || op.op === 'replace'));
  if (index === -1) return undefined;
  const operation = patch.documents[index] as JsonObject;
  return { op: 'replace', path: `/${index}/value`, baseline: operation.value ?? null, live: change.live };
}

function withPatchValues(document: unknown, changes: readonly Change[], live: KubeObject): KubeObject {
  if (!Array.isArray(document)) return live;
  return withChanges({ list: document } as JsonObject, changes.map((change) => ({ ...change, path: `/list${change.path}` }))).list as unknown as KubeObject;
}

/** The document of a patch file to edit: a JSON 6902 file has one; a strategic-merge file, the first of the object's kind. */
function patchDocumentIndex(text: string, kind: string, change: Change): number {
  if (/^\/\d+\/value$/.test(change.path)) return 0;
  return Math.max(0, parseAll(text).findIndex((doc) => isJsonObject(doc) && doc.kind === kind));
}

function parseAll(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
}

function parseFirst(text: string | undefined): JsonObject {
  const value = text === undefined ? undefined : parseAll(text)[0];
  return isJsonObject(value) ? value : {};
}

/** The object as the overlay's patches name it: its name and namespace in its own file. */
async function patchTarget(manifest: Manifest, files: OverlayFiles): Promise<PatchTarget> {
  const { apiVersion, kind } = manifest.object;
  const name = manifest.origin?.name ?? manifest.object.metadata.name;
  const text = manifest.origin?.generator ? undefined : await files.read(manifest.source.path);
  const document = text === undefined ? undefined : parseAll(text)[manifest.source.document];
  const namespace = isJsonObject(document) && isJsonObject(document.metadata) && typeof document.metadata.namespace === 'string' ? document.metadata.namespace : undefined;
  return { apiVersion, kind, name, ...(namespace ? { namespace } : {}) };
}

function freeFileName(files: OverlayFiles, root: string, name: string): string {
  const base = root === '.' ? name : `${root}/${name}`;
  for (let n = 2; ; n++) {
    const candidate = n === 2 && !files.exists(base) ? base : base.replace(/\.yaml$/, `-${n}.yaml`);
    if (!files.exists(candidate)) return candidate;
  }
}

function relativeTo(root: string, path: string): string {
  return root === '.' ? path : path.slice(root.length + 1);
}

/** The base branch's render of the drifted object: the scan's identity, with the server's default namespace where the render has none. */
function findRendered(objects: readonly KubeObject[], ref: DriftResult['object']): KubeObject | undefined {
  const matches = objects.filter((object) => object.kind === ref.kind && groupOf(object.apiVersion) === groupOf(ref.apiVersion) && object.metadata.name === ref.name);
  return matches.find((object) => object.metadata.namespace === ref.namespace) ?? matches.find((object) => object.metadata.namespace === undefined);
}
