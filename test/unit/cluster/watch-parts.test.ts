import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import { createBackoff } from '../../../src/cluster/watch/backoff.js';
import { applyRelist, type CachedObject } from '../../../src/cluster/watch/relist-diff.js';

const cm = (name: string, resourceVersion: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', resourceVersion },
});

describe('createBackoff', () => {
  it('doubles up to the maximum, each delay jittered within [d/2, d], and resets', () => {
    const low = createBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0 });
    expect([low.next(), low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([50, 100, 200, 400, 500, 500]);
    low.reset();
    expect(low.next()).toBe(50);
    const high = createBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0.999 });
    expect(high.next()).toBe(100);
  });
});

describe('applyRelist', () => {
  it('turns the difference between the cache and a fresh list into events', () => {
    const cache = new Map<string, CachedObject>();
    expect(applyRelist(cache, [cm('a', '1'), cm('b', '2')], (o) => o).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED a',
      'ADDED b',
    ]);
    const events = applyRelist(cache, [cm('a', '1'), cm('b', '7'), cm('c', '8')], (o) => o);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name} ${e.source}`)).toEqual(['MODIFIED b list', 'ADDED c list']);
    const deleted = applyRelist(cache, [cm('c', '8')], (o) => o);
    expect(deleted.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED a', 'DELETED b']);
    expect([...cache.keys()]).toEqual(['shop/c']);
  });

  it('caches what the transform keeps', () => {
    const cache = new Map<string, CachedObject>();
    const big = { ...cm('a', '1'), data: { huge: 'x'.repeat(100) } };
    applyRelist(cache, [big], ({ data: _data, ...rest }) => rest as KubeObject);
    expect(cache.get('shop/a')?.object).toEqual(cm('a', '1'));
  });
});
