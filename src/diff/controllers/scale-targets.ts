import type { KubeObject } from '../../model/index.js';
import { groupOf, isJsonObject, objectKey } from '../../model/index.js';

const isHpa = (object: KubeObject): boolean => object.kind === 'HorizontalPodAutoscaler' && groupOf(object.apiVersion) === 'autoscaling';

/** The objects HorizontalPodAutoscalers scale, by objectKey, from HPAs in Git and live alike (scaleTargetRef is in every version). */
export function scaleTargetsOf(objects: Iterable<KubeObject>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const hpa of objects) {
    if (!isHpa(hpa) || !isJsonObject(hpa.spec)) continue;
    const ref = hpa.spec.scaleTargetRef;
    if (!isJsonObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    targets.set(objectKey({ apiVersion, kind: ref.kind, namespace: hpa.metadata.namespace, name: ref.name }), `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`);
  }
  return targets;
}
