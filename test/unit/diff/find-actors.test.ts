import { describe, it, expect } from '@jest/globals';
import { compareObjects, findActors } from '../../../src/diff/index.js';
import type { KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';
import { entry, gitDeployment, liveDeployment } from './objects.js';

function liveWith(...extra: ManagedFieldsEntry[]): KubeObject {
  const live = liveDeployment();
  live.metadata.managedFields = [...(live.metadata.managedFields ?? []), ...extra];
  return live;
}

describe('findActors', () => {
  it('is empty when only Git and the controllers’ bookkeeping wrote the object', () => {
    expect(findActors(liveDeployment())).toEqual([]);
    expect(findActors(liveDeployment(false))).toEqual([]);
  });

  it('lists the other writers newest first, leaving out Git, status and bookkeeping writers', () => {
    const live = liveWith(
      entry('kubectl-edit', { 'f:spec': { 'f:replicas': {} } }, '2026-11-21T09:00:00Z'),
      entry('kubectl-label', { 'f:metadata': { 'f:labels': { 'f:team': {} } } }, '2026-11-22T09:00:00Z'),
      { ...entry('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }, '2026-11-23T09:00:00Z'), subresource: 'scale' },
      { ...entry('some-operator', { 'f:status': { 'f:conditions': {} } }, '2026-11-24T09:00:00Z'), subresource: 'status' },
      entry('kube-controller-manager', { 'f:metadata': { 'f:finalizers': { 'v:"foregroundDeletion"': {} } } }, '2026-11-24T10:00:00Z'),
      { ...entry('Mozilla', { 'f:metadata': { 'f:annotations': { 'f:note': {} } } }), time: undefined, operation: 'Update' },
      entry('kubectl', { 'f:spec': { 'f:paused': {} } }, '2026-11-20T07:00:00Z'),
      entry('argocd-controller', { 'f:spec': { 'f:replicas': {} } }, '2026-11-25T09:00:00Z'),
    );
    expect(findActors(live)).toEqual([
      { manager: 'kube-controller-manager', operation: 'Update', time: '2026-11-23T09:00:00Z' },
      { manager: 'kubectl-label', operation: 'Update', time: '2026-11-22T09:00:00Z' },
      { manager: 'kubectl-edit', operation: 'Update', time: '2026-11-21T09:00:00Z' },
      { manager: 'kubectl', operation: 'Update', time: '2026-11-20T07:00:00Z' },
      { manager: 'Mozilla', operation: 'Update' },
    ]);
  });

  it('leaves out trusted managers and honours gitManagers', () => {
    const live = liveWith(
      { ...entry('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }, '2026-11-23T09:00:00Z'), subresource: 'scale' },
      entry('pulumi', { 'f:spec': { 'f:paused': {} } }),
    );
    expect(findActors(live, { trustedManagers: ['kube-controller-manager'], gitManagers: ['pulumi'] })).toEqual([
      { manager: 'kubectl-client-side-apply', operation: 'Update', time: '2026-11-20T08:00:00Z' },
    ]);
  });

  it('compareObjects fills actors the same way', () => {
    const live = liveWith(entry('kubectl-edit', { 'f:spec': { 'f:replicas': {} } }));
    live.spec = { ...(live.spec as object), replicas: 4 };
    const result = compareObjects(live, gitDeployment());
    expect(result.actors).toEqual(findActors(live));
    expect(result.actors).toEqual([{ manager: 'kubectl-edit', operation: 'Update', time: '2026-11-21T09:00:00Z' }]);
  });
});
