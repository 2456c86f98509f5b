import { describe, it, expect } from '@jest/globals';
import { compareObjects, type CompareOptions } from '../../../src/diff/index.js';
import type { JsonObject, KubeObject, ManagedFieldsEntry } from '../../../src/model/index.js';
import { at, entry, gitDeployment, liveDeployment } from './objects.js';

const CONTAINER = '/spec/template/spec/containers/0';
const webContainer = (fields: JsonObject): JsonObject => ({
  'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': fields } } } },
});

/** The live Deployment with one more managedFields entry and an edit the entry owns. */
function liveWith(extra: ManagedFieldsEntry, edit: (live: KubeObject) => void): KubeObject {
  const live = liveDeployment();
  live.metadata.managedFields = [...(live.metadata.managedFields ?? []), extra];
  edit(live);
  return live;
}

const setMinReadySeconds = (live: KubeObject) => (at(live, 'spec').minReadySeconds = 5);
const minReadySeconds = { 'f:spec': { 'f:minReadySeconds': {} } };

describe('managedFields tell a default from a hand edit', () => {
  const owners: [string, boolean][] = [
    ['kubectl-client-side-apply', false],
    ['argocd-controller', false],
    ['kustomize-controller', false],
    ['helm-controller', false],
    ['Helm', false],
    ['before-first-apply', false],
    ['kube-controller-manager', false],
    ['kube-scheduler', false],
    ['kubelet', false],
    ['kube-apiserver', false],
    ['kubectl-edit', true],
    ['kubectl-patch', true],
    ['kubectl-set', true],
    ['kubectl-scale', true],
    ['kubectl-create', true],
    ['kubectl-replace', true],
    ['kubectl', true],
    ['Mozilla', true],
    ['dashboard', true],
    ['my-script', true],
  ];
  it.each(owners)('spec.minReadySeconds owned by %s: drift %p', (manager, drift) => {
    const result = compareObjects(liveWith(entry(manager, minReadySeconds), setMinReadySeconds), gitDeployment());
    if (drift) {
      expect(result.changes).toEqual([{ op: 'add', path: '/spec/minReadySeconds', live: 5 }]);
    } else {
      expect(result.changes).toEqual([]);
      expect(result.suppressed).toContainEqual(expect.objectContaining({ path: '/spec/minReadySeconds', reason: 'server-owned' }));
    }
  });

  // Issue 9: nobody owning a field proves nothing; only a default explains it.
  it('a field nobody owns is drift when no default explains it', () => {
    const live = liveDeployment();
    setMinReadySeconds(live);
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: '/spec/minReadySeconds', live: 5 }]);
  });

  it('without managedFields the defaults table decides', () => {
    const live = liveDeployment(false);
    setMinReadySeconds(live);
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: '/spec/minReadySeconds', live: 5 }]);
  });

  it('a default value is drift when a person wrote it', () => {
    const live = liveWith(entry('kubectl-edit', webContainer({ 'f:imagePullPolicy': {} })), () => undefined);
    const applied = at(live.metadata.managedFields?.[0]?.fieldsV1, 'f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}');
    delete applied['f:imagePullPolicy'];
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/imagePullPolicy`, live: 'IfNotPresent' }]);
  });

  it('a defaulted field Git’s apply wrote is server-owned', () => {
    expect(compareObjects(liveDeployment(), gitDeployment()).suppressed).toContainEqual({
      path: `${CONTAINER}/imagePullPolicy`,
      reason: 'server-owned',
      detail: 'set when Git was applied: owned only by kubectl-client-side-apply',
    });
  });

  it('a defaulted field nobody owns (server-side apply) gets the default’s reason', () => {
    const live = liveDeployment();
    const applied = at(live.metadata.managedFields?.[0]?.fieldsV1, 'f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}');
    delete applied['f:imagePullPolicy'];
    expect(compareObjects(live, gitDeployment()).suppressed).toContainEqual(
      expect.objectContaining({ path: `${CONTAINER}/imagePullPolicy`, reason: 'default' }),
    );
  });

  it('a default inside an atomic list a person owns is still a default', () => {
    const binding = (subjects: unknown[]): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects,
    });
    const live = binding([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
    ]);
    live.metadata.managedFields = [entry('kubectl-edit', { 'f:subjects': {} })];
    expect(compareObjects(live, binding([{ kind: 'Group', name: 'devs' }])).changes).toEqual([
      { op: 'add', path: '/subjects/1', live: { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' } },
    ]);
  });

  it('a person’s field inside a Git-owned object is found in a keyed list element', () => {
    const live = liveWith(entry('kubectl-edit', webContainer({ 'f:securityContext': { '.': {}, 'f:privileged': {} } })), (l) => {
      at(l, 'spec', 'template', 'spec', 'containers', 0).securityContext = { privileged: true };
    });
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/securityContext/privileged`, live: true }]);
  });

  it('matches keyed elements when live lists them in another order', () => {
    const live = liveWith(entry('kubectl-set', webContainer({ 'f:env': { 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } } })), (l) => {
      (at(l, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown as unknown[]).unshift({ name: 'DEBUG', value: '1' });
    });
    expect(compareObjects(live, gitDeployment()).changes).toEqual([{ op: 'add', path: `${CONTAINER}/env/0`, live: { name: 'DEBUG', value: '1' } }]);
  });

  it('an added label owned by kubectl-label is drift, one owned by Git is not', () => {
    const labelled = (manager: string) =>
      liveWith(entry(manager, { 'f:metadata': { 'f:labels': { 'f:team': {} } } }), (l) => (at(l, 'metadata', 'labels').team = 'x'));
    expect(compareObjects(labelled('kubectl-label'), gitDeployment()).changes).toEqual([{ op: 'add', path: '/metadata/labels/team', live: 'x' }]);
    expect(compareObjects(labelled('helm'), gitDeployment()).changes).toEqual([]);
  });
});

describe('set elements (v:) in managedFields', () => {
  const pvc = (finalizers: string[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'shop', finalizers },
    spec: { accessModes: ['ReadWriteOnce'] },
  });
  const finalizer = (value: string) => ({ 'f:metadata': { 'f:finalizers': { '.': {}, [`v:${JSON.stringify(value)}`]: {} } } });

  it.each([
    ['kube-controller-manager', []],
    ['kubectl-patch', [{ op: 'add', path: '/metadata/finalizers/1', live: 'example.com/hold' }]],
  ])('a finalizer added by %s', (manager, expected) => {
    const live = pvc(['example.com/keep', 'example.com/hold']);
    live.metadata.managedFields = [
      entry('kubectl-client-side-apply', finalizer('example.com/keep')),
      entry(manager, finalizer('example.com/hold')),
    ];
    expect(compareObjects(live, pvc(['example.com/keep'])).changes).toEqual(expected);
  });
});

describe('options', () => {
  it('gitManagers replaces the default list', () => {
    const options: CompareOptions = { gitManagers: ['flux'] };
    const appliedBy = (gitManager: string, editor: string) => {
      const live = liveWith(entry(editor, minReadySeconds), setMinReadySeconds);
      const applied = live.metadata.managedFields?.[0];
      if (applied) applied.manager = gitManager;
      return live;
    };
    expect(compareObjects(appliedBy('flux', 'flux'), gitDeployment(), options).changes).toEqual([]);
    expect(compareObjects(appliedBy('flux', 'kubectl-client-side-apply'), gitDeployment(), options).changes).toEqual([
      { op: 'add', path: '/spec/minReadySeconds', live: 5 },
    ]);
  });

  it('trustedManagers: an HPA scaling through the scale subresource is not drift', () => {
    const scaled = () => {
      const live = liveDeployment();
      const managedFields = live.metadata.managedFields ?? [];
      const applied = at(managedFields[0]?.fieldsV1, 'f:spec');
      delete applied['f:replicas'];
      managedFields.push({ ...entry('kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }), subresource: 'scale' });
      at(live, 'spec').replicas = 7;
      return live;
    };
    expect(compareObjects(scaled(), gitDeployment()).changes).toEqual([{ op: 'replace', path: '/spec/replicas', baseline: 3, live: 7 }]);
    const trusted = compareObjects(scaled(), gitDeployment(), { trustedManagers: ['kube-controller-manager'] });
    expect(trusted.changes).toEqual([]);
    expect(trusted.suppressed).toContainEqual(expect.objectContaining({ path: '/spec/replicas', reason: 'ignored' }));
  });

  it('ignorePointers, with * for any element, hide a path and what lies below it', () => {
    const live = liveDeployment(false);
    at(live, 'spec').replicas = 5;
    at(live, 'spec', 'template', 'spec', 'containers', 1).image = 'busybox:1.37';
    at(live, 'metadata', 'labels')['example.com/team'] = 'a';
    const result = compareObjects(live, gitDeployment(), {
      ignorePointers: ['/spec/replicas', '/spec/template/spec/containers/*/image', '/metadata/labels/example.com~1team'],
    });
    expect(result.changes).toEqual([]);
    expect(result.suppressed.filter((s) => s.reason === 'ignored').map((s) => s.path)).toEqual([
      '/metadata/labels/example.com~1team',
      '/spec/replicas',
      '/spec/template/spec/containers/1/image',
    ]);
  });
});
