import type { KubeObject } from '../src/model/kube-object.js';
import { makeConfigMap, makeDeployment, makeService, makeStatefulSet, type RealisticPair } from '../test/support/realistic-objects.js';

/**
 * The benchmark's objects: 40% Deployments, 25% Services, 20% ConfigMaps, 15% StatefulSets, as
 * live objects with defaults, managedFields and status beside their manifests; every tenth
 * object carries a hand edit.
 */
export function generatePairs(count: number, driftEvery = 10): RealisticPair[] {
  const pairs: RealisticPair[] = [];
  for (let i = 0; i < count; i++) {
    const drift = i % driftEvery === 0;
    const slot = i % 20;
    if (slot < 8) pairs.push(makeDeployment(i, { drift }));
    else if (slot < 13) pairs.push(makeService(i, { drift }));
    else if (slot < 17) pairs.push(makeConfigMap(i, { drift }));
    else pairs.push(makeStatefulSet(i, { drift }));
  }
  return pairs;
}

export function liveObjects(pairs: readonly RealisticPair[]): KubeObject[] {
  return pairs.map((p) => p.live);
}
