import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { at, entry, gitDeployment, liveDeployment } from './objects.js';

const CONTAINER = '/spec/template/spec/containers/0';

describe('a faithful apply is in sync', () => {
  it.each([
    ['with managedFields', true],
    ['without managedFields', false],
  ])('%s', (_name, withManagedFields) => {
    expect(compareObjects(liveDeployment(withManagedFields), gitDeployment()).changes).toEqual([]);
  });
});

// Each case edits the live Deployment as a person would; without managedFields the defaults
// table alone must still tell these edits from defaults.
const edits: [string, (live: KubeObject) => void, unknown[]][] = [
  [
    'an added label',
    (live) => (at(live, 'metadata', 'labels').team = 'payments'),
    [{ op: 'add', path: '/metadata/labels/team', live: 'payments' }],
  ],
  [
    'an added annotation',
    (live) => (at(live, 'metadata', 'annotations')['example.com/owner'] = 'ana'),
    [{ op: 'add', path: '/metadata/annotations/example.com~1owner', live: 'ana' }],
  ],
  [
    'an added env var',
    (live) => (at(live, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown as unknown[]).push({ name: 'DEBUG', value: '1' }),
    [{ op: 'add', path: `${CONTAINER}/env/2`, live: { name: 'DEBUG', value: '1' } }],
  ],
  [
    'an added container securityContext field',
    (live) => (at(live, 'spec', 'template', 'spec', 'containers', 0).securityContext = { privileged: true }),
    [{ op: 'add', path: `${CONTAINER}/securityContext/privileged`, live: true }],
  ],
  [
    'a field added to the defaulted pod securityContext',
    (live) => (at(live, 'spec', 'template', 'spec', 'securityContext').runAsUser = 0),
    [{ op: 'add', path: '/spec/template/spec/securityContext/runAsUser', live: 0 }],
  ],
  [
    'an added nodeSelector',
    (live) => (at(live, 'spec', 'template', 'spec').nodeSelector = { pool: 'spot' }),
    [{ op: 'add', path: '/spec/template/spec/nodeSelector/pool', live: 'spot' }],
  ],
  [
    'an added container',
    (live) =>
      (at(live, 'spec', 'template', 'spec', 'containers') as unknown as unknown[]).push({ name: 'debug', image: 'alpine:3' }),
    [{ op: 'add', path: '/spec/template/spec/containers/2', live: { name: 'debug', image: 'alpine:3' } }],
  ],
  [
    'a replaced image',
    (live) => (at(live, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:1.28'),
    [{ op: 'replace', path: `${CONTAINER}/image`, baseline: 'nginx:1.27', live: 'nginx:1.28' }],
  ],
  [
    'a replaced replica count',
    (live) => (at(live, 'spec').replicas = 5),
    [{ op: 'replace', path: '/spec/replicas', baseline: 3, live: 5 }],
  ],
  [
    'a removed env var',
    (live) => (at(live, 'spec', 'template', 'spec', 'containers', 0, 'env') as unknown as unknown[]).splice(0, 1),
    [{ op: 'remove', path: `${CONTAINER}/env/0`, baseline: { name: 'MODE', value: 'prod' } }],
  ],
  [
    'a removed limit',
    (live) => delete at(live, 'spec', 'template', 'spec', 'containers', 0, 'resources').limits,
    [{ op: 'remove', path: `${CONTAINER}/resources/limits`, baseline: { cpu: '1' } }],
  ],
  [
    'a non-default value in a defaulted field',
    (live) => (at(live, 'spec', 'template', 'spec', 'containers', 0).imagePullPolicy = 'Always'),
    [{ op: 'add', path: `${CONTAINER}/imagePullPolicy`, live: 'Always' }],
  ],
];

describe('hand edits are found', () => {
  it.each(edits)('%s, without managedFields', (_name, edit, expected) => {
    const live = liveDeployment(false);
    edit(live);
    expect(compareObjects(live, gitDeployment()).changes).toEqual(expected);
  });
});

describe('additions to other kinds', () => {
  it('an added ConfigMap key', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } };
    const live = { ...git, data: { a: '1', b: '2' } };
    expect(compareObjects(live, git).changes).toEqual([{ op: 'add', path: '/data/b', live: '2' }]);
  });

  it('an added ConfigMap key owned by kubectl-edit', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } };
    const live: KubeObject = {
      ...git,
      metadata: {
        ...git.metadata,
        managedFields: [
          entry('kubectl-client-side-apply', { 'f:data': { '.': {}, 'f:a': {} } }),
          entry('kubectl-edit', { 'f:data': { 'f:b': {} } }),
        ],
      },
      data: { a: '1', b: '2' },
    };
    expect(compareObjects(live, git).changes).toEqual([{ op: 'add', path: '/data/b', live: '2' }]);
  });

  it('binaryData compares as plain values', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, binaryData: { k: 'AAE=' } };
    const live = { ...git, binaryData: { k: 'AAI=' } };
    expect(compareObjects(live, git).changes).toEqual([{ op: 'replace', path: '/binaryData/k', baseline: 'AAE=', live: 'AAI=' }]);
  });
});

describe('what Git writes that the server does not store', () => {
  const base = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
  it.each([
    ['an empty map', { nodeSelector: {} }],
    ['an empty list', { tolerations: [] }],
    ['an empty string', { hostname: '' }],
    ['a null', { priorityClassName: null }],
    ['false in an omitempty bool', { hostNetwork: false }],
  ])('%s is not drift', (_name, spec) => {
    expect(compareObjects(base({}), base(spec)).changes).toEqual([]);
  });

  it('false in a pointer bool that live lost is drift', () => {
    expect(compareObjects(base({}), base({ automountServiceAccountToken: false })).changes).toEqual([
      { op: 'remove', path: '/spec/automountServiceAccountToken', baseline: false },
    ]);
  });
});

describe('purity', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
    return value;
  }

  it('never mutates the live object or the manifest', () => {
    const live = deepFreeze(liveDeployment());
    const drifted = liveDeployment();
    at(drifted, 'spec').replicas = 9;
    at(drifted, 'metadata', 'labels').team = 'x';
    expect(() => compareObjects(deepFreeze(drifted), deepFreeze(gitDeployment()))).not.toThrow();
    expect(compareObjects(live, deepFreeze(gitDeployment())).changes).toEqual([]);
  });
});
