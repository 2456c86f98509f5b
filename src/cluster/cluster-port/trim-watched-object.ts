import type { KubeObject } from '../../model/index.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the operator caches of a watched object: neither `status` (not compared, and often the
 * largest part) nor kubectl's last-applied annotation (a second copy of the whole object). The
 * rest, managedFields included, is what the diff and attribution read.
 */
export function trimWatchedObject(object: KubeObject): KubeObject {
  const annotations = object.metadata.annotations;
  const hasLastApplied = annotations !== undefined && LAST_APPLIED in annotations;
  // Already trimmed (the operator's cache sees objects this port delivered): no second copy.
  if (!('status' in object) && !hasLastApplied) return object;
  const { status: _status, ...rest } = object;
  if (!annotations || !hasLastApplied) return rest as KubeObject;
  const { [LAST_APPLIED]: _lastApplied, ...kept } = annotations;
  const { annotations: _all, ...metadata } = object.metadata;
  return { ...rest, metadata: Object.keys(kept).length > 0 ? { ...metadata, annotations: kept } : metadata } as KubeObject;
}
