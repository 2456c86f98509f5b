import { LAST_APPLIED_ANNOTATION, lastAppliedSkeleton, type KubeObject } from '../../model/index.js';

/** Marks an annotation value that is already a skeleton, so a second trim leaves it alone. */
const SKELETON_PREFIX = '{"driftback:skeleton":1,';

/**
 * What the operator caches of a watched object: not `status` (not compared, and often the largest
 * part), and of kubectl's last-applied annotation (a second copy of the whole object) only the
 * skeleton the diff reads: which fields were applied. The rest, managedFields included, is what
 * the diff and attribution read.
 */
export function trimWatchedObject(object: KubeObject): KubeObject {
  const annotations = object.metadata.annotations;
  const lastApplied = annotations?.[LAST_APPLIED_ANNOTATION];
  const trimmedLastApplied = lastApplied === undefined || lastApplied.startsWith(SKELETON_PREFIX);
  // Already trimmed (the operator's cache sees objects this port delivered): no second copy.
  if (!('status' in object) && trimmedLastApplied) return object;
  const { status: _status, ...rest } = object;
  if (!annotations || lastApplied === undefined || trimmedLastApplied) return rest as KubeObject;
  const { [LAST_APPLIED_ANNOTATION]: _full, ...kept } = annotations;
  const skeleton = lastAppliedSkeleton(lastApplied);
  const marked = skeleton && skeleton !== '{}' ? `${SKELETON_PREFIX}${skeleton.slice(1)}` : undefined;
  const keptAnnotations = marked ? { ...kept, [LAST_APPLIED_ANNOTATION]: marked } : kept;
  const { annotations: _all, ...metadata } = object.metadata;
  return { ...rest, metadata: Object.keys(keptAnnotations).length > 0 ? { ...metadata, annotations: keptAnnotations } : metadata } as KubeObject;
}
