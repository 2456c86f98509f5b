import { describe, expect, it } from '@jest/globals';
import { compareRenders, unexpectedDifferences } from '../../../src/codify/kustomize/verify-render.js';
import { parseImage } from '../../../src/kustomize/image-reference.js';
import { matchesSelector } from '../../../src/kustomize/match-selector.js';
import { isRemoteReference } from '../../../src/kustomize/remote-reference.js';
import { fieldPathWrites, json6902Writes, strategicMergeWrites } from '../../../src/kustomize/writes-pointer.js';
import type { KubeObject } from '../../../src/model/index.js';

const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'prod-web', namespace: 'shop', labels: { tier: 'front', 'app.kubernetes.io/part-of': 'shop' } },
  spec: { template: { spec: { containers: [{ name: 'proxy', image: 'envoy:1' }, { name: 'web', image: 'ghcr.io/acme/web:1.0.3', args: ['--a'] }] } } },
};

describe('reading kustomize references', () => {
  it.each([
    ['nginx', { name: 'nginx' }],
    ['nginx:1.25', { name: 'nginx', tag: '1.25' }],
    ['registry.local:5000/team/web', { name: 'registry.local:5000/team/web' }],
    ['registry.local:5000/team/web:2.0@sha256:abc', { name: 'registry.local:5000/team/web', tag: '2.0', digest: 'sha256:abc' }],
  ])('splits the image %s', (image, parts) => {
    expect(parseImage(image)).toEqual(parts);
  });

  it.each([
    ['https://github.com/acme/infra//base?ref=v1', true],
    ['git@github.com:acme/infra.git', true],
    ['github.com/acme/infra/base', true],
    ['../../base?ref=main', true],
    ['../../base', false],
    ['deployment.yaml', false],
  ])('knows %s is remote: %s', (entry, remote) => {
    expect(isRemoteReference(entry)).toBe(remote);
  });

  it('matches selectors by kind, group, anchored name regex over every name the object had, and label terms', () => {
    const at = { object: web, names: new Set(['web', 'prod-web']) };
    expect(matchesSelector({ kind: 'Deployment', group: 'apps', name: 'web' }, at)).toBe(true);
    expect(matchesSelector({ name: 'we' }, at)).toBe(false);
    expect(matchesSelector({ name: 'w.*' }, at)).toBe(true);
    expect(matchesSelector({ labelSelector: 'tier=front,app.kubernetes.io/part-of' }, at)).toBe(true);
    expect(matchesSelector({ labelSelector: 'tier!=front' }, at)).toBe(false);
    expect(matchesSelector({ group: '' }, at)).toBe(false);
  });
});

describe('which patch writes a field', () => {
  const image = ['spec', 'template', 'spec', 'containers', '1', 'image'];

  it('a strategic-merge patch enters keyed lists by the live element key and writes unkeyed lists whole', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } };
    expect(strategicMergeWrites(patch, web, image)).toBe(true);
    expect(strategicMergeWrites(patch, web, ['spec', 'template', 'spec', 'containers', '0', 'image'])).toBe(false);
    const args = { spec: { template: { spec: { containers: [{ name: 'web', args: ['--b'] }] } } } };
    expect(strategicMergeWrites(args, web, ['spec', 'template', 'spec', 'containers', '1', 'args', '0'])).toBe(true);
    expect(strategicMergeWrites({ metadata: { labels: { tier: null } } }, web, ['metadata', 'labels', 'tier'])).toBe(true);
  });

  it('a JSON 6902 operation writes its path, what is below it and what holds it', () => {
    expect(json6902Writes({ op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'x' }, image)).toBe(true);
    expect(json6902Writes({ op: 'add', path: '/spec/template/spec/containers/1', value: {} }, image)).toBe(true);
    expect(json6902Writes({ op: 'test', path: '/spec/template/spec/containers/1/image', value: 'x' }, image)).toBe(false);
    expect(json6902Writes({ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'x' }, image)).toBe(false);
  });

  it('a replacement field path resolves [key=value] against the live object', () => {
    expect(fieldPathWrites('spec.template.spec.containers.[name=web].image', web, image)).toBe(true);
    expect(fieldPathWrites('spec.template.spec.containers.[name=proxy].image', web, image)).toBe(false);
    expect(fieldPathWrites('spec.template.spec.containers.1.image', web, image)).toBe(true);
  });
});

describe('comparing two renders of a root', () => {
  const configMap = (name: string, level: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { LEVEL: level } });
  const user = (configName: string): KubeObject => ({ ...web, spec: { template: { spec: { containers: [{ name: 'web', envFrom: [{ configMapRef: { name: configName } }] }] } } } });

  it('sets a generated object\'s new hash suffix apart and accepts exactly the asked change', () => {
    const before = [configMap('web-config-c5k9d279bc', 'warn'), user('web-config-c5k9d279bc')];
    const after = [configMap('web-config-8hm2gk5k7t', 'debug'), user('web-config-8hm2gk5k7t')];
    const comparison = compareRenders(before, after);
    expect(comparison.renamed).toEqual(new Map([['web-config-c5k9d279bc', 'web-config-8hm2gk5k7t']]));
    expect(comparison.differences).toEqual([{ object: '/ConfigMap shop/web-config-c5k9d279bc', pointer: '/data/LEVEL' }]);
    const asked = [{ op: 'replace' as const, path: '/data/LEVEL', baseline: 'warn', live: 'debug' }];
    expect(unexpectedDifferences(comparison, '/ConfigMap shop/web-config-c5k9d279bc', asked)).toEqual([]);
    expect(unexpectedDifferences(comparison, '/ConfigMap shop/web-config-c5k9d279bc', [{ ...asked[0]!, live: 'info' }])).toEqual([
      '/ConfigMap shop/web-config-c5k9d279bc /data/LEVEL renders as "debug"',
    ]);
  });

  it('names every field that moved outside the asked change', () => {
    const comparison = compareRenders([web], [{ ...web, metadata: { ...web.metadata, labels: { tier: 'back' } } }]);
    expect(unexpectedDifferences(comparison, 'apps/Deployment shop/prod-web', [])).toEqual([
      'apps/Deployment shop/prod-web /metadata/labels/tier changed too',
      'apps/Deployment shop/prod-web /metadata/labels/app.kubernetes.io~1part-of changed too',
    ]);
  });
});
