import type { KubeObject } from '../model/index.js';
import { APPLIED_DIGEST_KEY, appliedDigest, isJsonObject, LAST_APPLIED_ANNOTATION } from '../model/index.js';
import { parseLastApplied } from './last-applied.js';
import { classifyManager, OWNER_PERSON, type ManagerClasses } from './managers.js';

const LAST_APPLIED_FIELD = `f:${LAST_APPLIED_ANNOTATION}`;

/** The manager that last wrote kubectl's last-applied-configuration, by managedFields. */
function lastAppliedWriter(live: KubeObject): string | undefined {
  let writer: string | undefined;
  for (const entry of live.metadata.managedFields ?? []) {
    const metadata = entry.fieldsV1?.['f:metadata'];
    const annotations = isJsonObject(metadata) ? metadata['f:annotations'] : undefined;
    if (!entry.subresource && isJsonObject(annotations) && annotations[LAST_APPLIED_FIELD] !== undefined) writer = entry.manager;
  }
  return writer;
}

/**
 * The Git applier under a name the list does not know (Argo CD's client-side apply writes as
 * `argocd`): the manager that wrote kubectl's last-applied-configuration, when what it applied is
 * exactly Git's manifest, labels and annotations included. Sound where guessing from field
 * coverage is not (docs/adr/0002-diff-strategy.md): a manager that applied Git's own content
 * added nothing of its own. Undefined when the writer is already classified or applied something else.
 */
export function inferGitApplier(live: KubeObject, git: KubeObject, classes: ManagerClasses): string | undefined {
  const writer = lastAppliedWriter(live);
  if (writer === undefined || classifyManager(writer, classes) !== OWNER_PERSON) return undefined;
  const applied = parseLastApplied(live.metadata.annotations);
  if (!isJsonObject(applied)) return undefined;
  // The operator's cache keeps a skeleton of the annotation with the digest of the full content.
  const digest = typeof applied[APPLIED_DIGEST_KEY] === 'string' ? applied[APPLIED_DIGEST_KEY] : appliedDigest(applied);
  return digest === appliedDigest(git) ? writer : undefined;
}
