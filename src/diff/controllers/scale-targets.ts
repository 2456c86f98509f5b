import type { KubeObject } from '../../model/index.js';
import { groupOf, isJsonObject } from '../../model/index.js';

export function scaleTargetKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}

const isHpa = (object: KubeObject): boolean => object.kind === 'HorizontalPodAutoscaler' && groupOf(object.apiVersion) === 'autoscaling';

/** The objects HorizontalPodAutoscalers scale, from HPAs in Git and live alike (scaleTargetRef is in every version). */
export function scaleTargetsOf(objects: Iterable<KubeObject>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const hpa of objects) {
    if (!isHpa(hpa) || !isJsonObject(hpa.spec)) continue;
    const ref = hpa.spec.scaleTargetRef;
    if (!isJsonObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '';
    targets.set(scaleTargetKey(group, ref.kind, hpa.metadata.namespace, ref.name), `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`);
  }
  return targets;
}
