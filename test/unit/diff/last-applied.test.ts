import { describe, it, expect } from '@jest/globals';
import { trimWatchedObject } from '../../../src/cluster/index.js';
import { compareObjects } from '../../../src/diff/index.js';
import { REDACTED, type JsonObject, type KubeObject } from '../../../src/model/index.js';
import { at, gitDeployment, liveDeployment } from './objects.js';

const CONTAINER = '/spec/template/spec/containers/0';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A person ran `kubectl apply` with an edited copy of the manifest: kubectl-client-side-apply
 * owns their fields just as it owns Git's, and only last-applied-configuration tells them apart.
 */
function handApplied(editManifest: (manifest: KubeObject) => void, editLive: (live: KubeObject) => void, fields: JsonObject): KubeObject {
  const live = liveDeployment();
  const manifest = gitDeployment();
  editManifest(manifest);
  editLive(live);
  at(live, 'metadata', 'annotations')[LAST_APPLIED] = JSON.stringify(manifest);
  const applied = live.metadata.managedFields?.[0]?.fieldsV1 as JsonObject;
  const container = at(applied, 'f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}');
  Object.assign(container, fields);
  return live;
}

describe('a hand-run kubectl apply of an edited manifest', () => {
  it('an env var it added is drift', () => {
    const addDebug = (o: KubeObject) =>
      (at(o, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown as unknown[]).push({ name: 'DEBUG', value: '1' });
    const env = { '.': {}, 'k:{"name":"MODE"}': {}, 'k:{"name":"LOG"}': {}, 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } };
    const live = handApplied(addDebug, addDebug, { 'f:env': env });
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/env/2`, live: { name: 'DEBUG', value: '1' } }]);
  });

  it('a securityContext field it added is drift, reported narrowly', () => {
    const addContext = (o: KubeObject) => (at(o, 'spec', 'template', 'spec', 'containers', 0).securityContext = { runAsUser: 0 });
    const live = handApplied(addContext, addContext, { 'f:securityContext': { '.': {}, 'f:runAsUser': {} } });
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/securityContext/runAsUser`, live: 0 }]);
  });

  it("the operator's trimmed copy, which keeps only which fields were applied, finds the same drift", () => {
    const addDebug = (o: KubeObject) =>
      (at(o, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown as unknown[]).push({ name: 'DEBUG', value: '1' });
    const env = { '.': {}, 'k:{"name":"MODE"}': {}, 'k:{"name":"LOG"}': {}, 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } };
    const live = handApplied(addDebug, addDebug, { 'f:env': env });
    const trimmed = trimWatchedObject(live);
    expect(trimmed.metadata.annotations?.[LAST_APPLIED]?.length).toBeLessThan(live.metadata.annotations![LAST_APPLIED]!.length);
    expect(compareObjects(trimmed, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/env/2`, live: { name: 'DEBUG', value: '1' } }]);
    expect(compareObjects(trimWatchedObject(trimmed), gitDeployment()).changes).toEqual(compareObjects(live, gitDeployment()).changes);
  });

  it('the defaults around it stay defaults', () => {
    const live = handApplied(() => undefined, () => undefined, {});
    expect(compareObjects(live, gitDeployment()).changes).toEqual([]);
  });

  it('labels are left to ownership: a GitOps tool adds its tracking label to what it applies', () => {
    const track = (o: KubeObject) => (at(o, 'metadata', 'labels')['app.kubernetes.io/instance'] = 'shop');
    const live = handApplied(track, track, {});
    const applied = live.metadata.managedFields?.[0]?.fieldsV1 as JsonObject;
    at(applied, 'f:metadata', 'f:labels')['f:app.kubernetes.io/instance'] = {};
    expect(compareObjects(live, gitDeployment()).changes).toEqual([]);
  });

  it('a Secret key it added is drift, redacted', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', stringData: { a: 'alpha' } };
    const applied = { ...git, stringData: { a: 'alpha', b: 'bravo-secret' } };
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 's',
        annotations: { [LAST_APPLIED]: JSON.stringify(applied) },
        managedFields: [
          {
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:type': {}, 'f:metadata': { 'f:annotations': {} } },
          },
        ],
      },
      type: 'Opaque',
      data: { a: Buffer.from('alpha').toString('base64'), b: Buffer.from('bravo-secret').toString('base64') },
    };
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([{ op: 'add', path: '/data/b', live: REDACTED, redacted: true }]);
    expect(JSON.stringify(result)).not.toContain('bravo-secret');
  });
});
