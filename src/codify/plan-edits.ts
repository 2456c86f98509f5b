import {
  isRestartPointer,
  isSecretData,
  objectKey,
  type Change,
  type DriftResult,
  type KubeObject,
  type Manifest,
} from '../model/index.js';
import { UnsafePathError, type FileWrite } from './git-port.js';
import { planOverlayEdits, type OverlayItem } from './kustomize/plan-overlay-edits.js';
import type { KustomizeRenderPort } from './kustomize/render-port.js';
import { removeDocument } from './remove-document.js';

/** The signature of src/codify/edit's applyChangesToSource: pure, minimal, byte-exact. */
export type SourceEditor = (
  text: string,
  documentIndex: number,
  changes: Change[],
  context: { live: KubeObject; baseline: KubeObject },
) => { text: string; applied: Change[]; skipped: { change: Change; reason: string }[] };

export interface CodifiedObject {
  result: DriftResult;
  applied: Change[];
  /** True when the object's document was removed (Missing, with codifyDeletions). */
  deleted: boolean;
}

export interface EditPlan {
  writes: FileWrite[];
  codified: CodifiedObject[];
  /** Objects or changes whose source could not be edited safely, with the reason. */
  skipped: { result: DriftResult; change?: Change; reason: string }[];
  /** Secret data that changed: named in the body, never written. */
  secrets: { result: DriftResult; paths: string[] }[];
  violating: DriftResult[];
  /** Missing objects left alone because codifyDeletions is off. */
  missing: DriftResult[];
  /** What a reviewer must know about a codified object (a generated ConfigMap renamed by its hash). */
  notes: { result: DriftResult; note: string }[];
}

export interface PlanInput {
  results: readonly DriftResult[];
  baseline: readonly Manifest[];
  live: ReadonlyMap<string, KubeObject>;
  codifyDeletions: boolean;
  editor: SourceEditor;
  readFile(path: string): Promise<string | undefined>;
  /** Every file of the base branch: Kustomize write-back looks for the kustomizations among them. */
  listFiles?(): Promise<string[]>;
  /** Renders a kustomization to prove an overlay edit; without it, rendered objects are not codified. */
  renderer?: KustomizeRenderPort;
}

const RESTART_LEFT_OUT = 'it records a restart (kubectl rollout restart), a moment rather than a desired state, so it is never written to Git';

/** The changes that may be written: Secret data and restarts are left out, and the plan says so. */
function splitSecretData(plan: EditPlan, result: DriftResult): Change[] {
  const secretPaths = result.changes.filter((change) => isSecretData(result.object, change)).map((change) => change.path);
  if (secretPaths.length > 0) plan.secrets.push({ result, paths: secretPaths });
  for (const change of result.changes) {
    if (isRestartPointer(change.path)) plan.skipped.push({ result, change, reason: RESTART_LEFT_OUT });
  }
  return result.changes.filter((change) => !isSecretData(result.object, change) && !isRestartPointer(change.path));
}

interface FileState {
  original: string;
  text: string;
  removals: { document: number; result: DriftResult }[];
}

/**
 * Decides what goes into the commit. File paths come only from the baseline's own manifests,
 * never from the report, so a crafted report cannot aim a write elsewhere.
 */
export async function planEdits(input: PlanInput): Promise<EditPlan> {
  const plan: EditPlan = { writes: [], codified: [], skipped: [], secrets: [], violating: [], missing: [], notes: [] };
  const overlays: OverlayItem[] = [];
  const manifests = new Map(input.baseline.map((manifest) => [objectKey(manifest.ref), manifest]));
  const files = new Map<string, FileState>();

  const fileFor = async (path: string): Promise<FileState | string> => {
    const known = files.get(path);
    if (known) return known;
    let original: string | undefined;
    try {
      original = await input.readFile(path);
    } catch (error) {
      if (error instanceof UnsafePathError) return error.message;
      throw error;
    }
    if (original === undefined) return `${path} is not on the base branch`;
    const state = { original, text: original, removals: [] };
    files.set(path, state);
    return state;
  };

  for (const result of input.results) {
    if (result.status === 'Drifted' && result.verdict === 'violating') {
      plan.violating.push(result);
      continue;
    }
    if (result.status === 'Missing' && !input.codifyDeletions) {
      plan.missing.push(result);
      continue;
    }
    if (result.status !== 'Drifted' && result.status !== 'Missing') continue;

    const manifest = manifests.get(objectKey(result.object));
    if (!manifest) {
      plan.skipped.push({ result, reason: 'it has no manifest in the baseline' });
      continue;
    }
    if (manifest.source.root !== undefined) {
      if (result.status === 'Missing') {
        plan.skipped.push({ result, reason: `it is rendered by ${manifest.source.root}; removing it from a kustomization is left to a person` });
        continue;
      }
      const changes = splitSecretData(plan, result);
      if (changes.length > 0) overlays.push({ result, manifest, changes });
      continue;
    }
    const file = await fileFor(manifest.source.path);
    if (typeof file === 'string') {
      plan.skipped.push({ result, reason: file });
      continue;
    }
    if (result.status === 'Missing') {
      file.removals.push({ document: manifest.source.document, result });
      continue;
    }

    const changes = splitSecretData(plan, result);
    if (changes.length === 0) continue;

    const live = input.live.get(objectKey(result.object));
    if (!live) {
      plan.skipped.push({ result, reason: 'the live object is not available' });
      continue;
    }
    const edit = input.editor(file.text, manifest.source.document, changes, { live, baseline: manifest.object });
    file.text = edit.text;
    for (const skipped of edit.skipped) plan.skipped.push({ result, change: skipped.change, reason: skipped.reason });
    if (edit.applied.length > 0) plan.codified.push({ result, applied: edit.applied, deleted: false });
  }

  for (const [path, file] of files) {
    let text: string | null = file.text;
    // Highest index first, so the indexes of the documents still to remove stay valid.
    for (const removal of [...file.removals].sort((a, b) => b.document - a.document)) {
      const next: string | null | undefined = text === null ? undefined : removeDocument(text, removal.document);
      if (next === undefined) {
        plan.skipped.push({ result: removal.result, reason: `document ${removal.document} is not in ${path}` });
        continue;
      }
      text = next;
      plan.codified.push({ result: removal.result, applied: [], deleted: true });
    }
    if (text !== file.original) plan.writes.push({ path, content: text });
  }

  const overlayPlan = await planOverlayEdits({
    items: overlays,
    live: input.live,
    files: { list: () => input.listFiles?.() ?? Promise.resolve([]), read: input.readFile },
    renderer: input.renderer,
    editor: input.editor,
  });
  plan.writes.push(...overlayPlan.writes);
  plan.codified.push(...overlayPlan.codified);
  plan.skipped.push(...overlayPlan.skipped);
  plan.notes.push(...overlayPlan.notes);
  return plan;
}
