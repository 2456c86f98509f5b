import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import { compilePointerMatcher, escapeSegment, toPointer } from '../../../src/diff/json-pointer.js';
import type { KubeObject } from '../../../src/model/index.js';

describe('RFC 6901 pointers', () => {
  it.each([
    ['app', 'app'],
    ['app.kubernetes.io/name', 'app.kubernetes.io~1name'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
    ['', ''],
  ])('escapes %p as %p', (segment, escaped) => {
    expect(escapeSegment(segment)).toBe(escaped);
  });

  it('joins segments', () => {
    expect(toPointer(['metadata', 'annotations', 'a/b~c'])).toBe('/metadata/annotations/a~1b~0c');
    expect(toPointer([])).toBe('');
  });

  it('names an annotation key with slashes and tildes in a change', () => {
    const git: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'x.io/a~b': '1' } } };
    const live: KubeObject = { ...git, metadata: { name: 'c', annotations: { 'x.io/a~b': '2' } } };
    expect(compareObjects(live, git).changes).toEqual([
      { op: 'replace', path: '/metadata/annotations/x.io~1a~0b', baseline: '1', live: '2' },
    ]);
  });

  it('matches escaped ignore pointers, with * for one segment and prefixes for subtrees', () => {
    const ignored = compilePointerMatcher(['/metadata/annotations/x.io~1a~0b', '/spec/containers/*/image', '/data']);
    expect(ignored(['metadata', 'annotations', 'x.io/a~b'])).toBe(true);
    expect(ignored(['spec', 'containers', '3', 'image'])).toBe(true);
    expect(ignored(['spec', 'containers', '3', 'name'])).toBe(false);
    expect(ignored(['data', 'key'])).toBe(true);
    expect(ignored(['spec'])).toBe(false);
  });
});
