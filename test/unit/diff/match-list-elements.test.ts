import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import type { KubeObject } from '../../../src/model/index.js';

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec };
}

function service(ports: unknown[]): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { ports } };
}

const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `${name}:1`, ...extra });

// [case, live, git, expected changes]: the pointer names the live index of the one element and
// field that changed, even when live lists the elements in another order.
const cases: [string, KubeObject, KubeObject, unknown[]][] = [
  [
    'containers by name, reordered',
    pod({ containers: [c('side'), c('web', { image: 'web:2' })] }),
    pod({ containers: [c('web'), c('side')] }),
    [{ op: 'replace', path: '/spec/containers/1/image', baseline: 'web:1', live: 'web:2' }],
  ],
  [
    'initContainers by name',
    pod({ containers: [c('web')], initContainers: [c('b', { args: ['y'] }), c('a')] }),
    pod({ containers: [c('web')], initContainers: [c('a'), c('b', { args: ['x'] })] }),
    [{ op: 'replace', path: '/spec/initContainers/0/args/0', baseline: 'x', live: 'y' }],
  ],
  [
    'ephemeralContainers by name',
    pod({ containers: [c('web')], ephemeralContainers: [c('dbg'), c('dbg2')] }),
    pod({ containers: [c('web')], ephemeralContainers: [c('dbg2')] }),
    [{ op: 'add', path: '/spec/ephemeralContainers/0', live: c('dbg') }],
  ],
  [
    'env by name, reordered',
    pod({ containers: [c('web', { env: [{ name: 'B', value: '2' }, { name: 'A', value: 'changed' }] })] }),
    pod({ containers: [c('web', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] })] }),
    [{ op: 'replace', path: '/spec/containers/0/env/1/value', baseline: '1', live: 'changed' }],
  ],
  [
    'volumes by name',
    pod({ containers: [c('web')], volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'new' } }] }),
    pod({ containers: [c('web')], volumes: [{ name: 'cfg', configMap: { name: 'old' } }, { name: 'tmp', emptyDir: {} }] }),
    [{ op: 'replace', path: '/spec/volumes/1/configMap/name', baseline: 'old', live: 'new' }],
  ],
  [
    'imagePullSecrets by name, one added',
    pod({ containers: [c('web')], imagePullSecrets: [{ name: 'extra' }, { name: 'regcred' }] }),
    pod({ containers: [c('web')], imagePullSecrets: [{ name: 'regcred' }] }),
    [{ op: 'add', path: '/spec/imagePullSecrets/0', live: { name: 'extra' } }],
  ],
  [
    'hostAliases by ip',
    pod({ containers: [c('web')], hostAliases: [{ ip: '10.0.0.2', hostnames: ['b'] }, { ip: '10.0.0.1', hostnames: ['z'] }] }),
    pod({ containers: [c('web')], hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }, { ip: '10.0.0.2', hostnames: ['b'] }] }),
    [{ op: 'replace', path: '/spec/hostAliases/1/hostnames/0', baseline: 'a', live: 'z' }],
  ],
  [
    'container ports by containerPort and protocol (TCP when Git leaves it out)',
    pod({
      containers: [
        c('web', {
          ports: [
            { containerPort: 53, protocol: 'UDP', name: 'dns-udp' },
            { containerPort: 53, protocol: 'TCP', name: 'dns-changed' },
          ],
        }),
      ],
    }),
    pod({ containers: [c('web', { ports: [{ containerPort: 53, name: 'dns-tcp' }, { containerPort: 53, protocol: 'UDP', name: 'dns-udp' }] })] }),
    [{ op: 'replace', path: '/spec/containers/0/ports/1/name', baseline: 'dns-tcp', live: 'dns-changed' }],
  ],
  [
    'Service ports by port and protocol',
    service([
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 9090 },
    ]),
    service([
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ]),
    [{ op: 'replace', path: '/spec/ports/1/targetPort', baseline: 8080, live: 9090 }],
  ],
  [
    'volumeMounts by mountPath',
    pod({ containers: [c('web', { volumeMounts: [{ name: 'b', mountPath: '/b', readOnly: true }, { name: 'a', mountPath: '/a' }] })] }),
    pod({ containers: [c('web', { volumeMounts: [{ name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b' }] })] }),
    [{ op: 'add', path: '/spec/containers/0/volumeMounts/0/readOnly', live: true }],
  ],
  [
    'volumeDevices by devicePath',
    pod({ containers: [c('web', { volumeDevices: [{ name: 'y', devicePath: '/dev/b' }, { name: 'x', devicePath: '/dev/a' }] })] }),
    pod({ containers: [c('web', { volumeDevices: [{ name: 'x', devicePath: '/dev/a' }, { name: 'z', devicePath: '/dev/b' }] })] }),
    [{ op: 'replace', path: '/spec/containers/0/volumeDevices/0/name', baseline: 'z', live: 'y' }],
  ],
  [
    'a Git element gone from live is removed at its Git index',
    pod({ containers: [c('web', { env: [{ name: 'C', value: '3' }] })] }),
    pod({ containers: [c('web', { env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] })] }),
    [{ op: 'remove', path: '/spec/containers/0/env/0', baseline: { name: 'A', value: '1' } }],
  ],
  [
    'tolerations by position, one field',
    pod({ containers: [c('web')], tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', value: 'new', effect: 'NoSchedule' }] }),
    pod({ containers: [c('web')], tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', value: 'old', effect: 'NoSchedule' }] }),
    [{ op: 'replace', path: '/spec/tolerations/1/value', baseline: 'old', live: 'new' }],
  ],
  [
    'args by position, one element',
    pod({ containers: [c('web', { args: ['--port', '9090', '--v'] })] }),
    pod({ containers: [c('web', { args: ['--port', '8080'] })] }),
    [
      { op: 'replace', path: '/spec/containers/0/args/1', baseline: '8080', live: '9090' },
      { op: 'add', path: '/spec/containers/0/args/2', live: '--v' },
    ],
  ],
  [
    'RBAC rules by position',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'delete'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    },
    [{ op: 'replace', path: '/rules/0/verbs/1', baseline: 'list', live: 'delete' }],
  ],
  [
    'duplicate keys fall back to position',
    pod({ containers: [c('web', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '3' }] })] }),
    pod({ containers: [c('web', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })] }),
    [{ op: 'replace', path: '/spec/containers/0/env/1/value', baseline: '2', live: '3' }],
  ],
];

describe('lists pair by merge key', () => {
  it.each(cases)('%s', (_name, live, git, expected) => {
    expect(compareObjects(live, git).changes).toEqual(expected);
  });
});
