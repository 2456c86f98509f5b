import { describe, expect, it } from '@jest/globals';
import { compileTable } from '../../../../src/diff/defaults/compile-table.js';
import type { DefaultContext } from '../../../../src/diff/defaults/types.js';
import type { JsonObject, JsonValue } from '../../../../src/model/index.js';

const table = compileTable([
  {
    kinds: ['apps/Deployment', '/Pod'],
    prefixes: [['spec', 'template', 'spec'], ['other']],
    rules: [
      { path: 'dnsPolicy', value: 'ClusterFirst', detail: 'fixed' },
      { path: 'policy', matches: (ctx) => ctx.value === 'A', detail: 'first' },
      { path: 'policy', matches: (ctx) => ctx.value === 'A' || ctx.value === 'B', detail: 'second' },
    ],
  },
  {
    kinds: ['batch/Job'],
    prefixes: [[]],
    rules: [
      { path: 'metadata.labels.<any>', matches: () => true, detail: 'any label' },
      { path: ['metadata', 'labels', 'team.example.com/owner', 'deeper'], value: 'x', detail: 'deeper' },
      { path: ['metadata', 'labels', 'exact'], value: 'yes', reason: 'allocated', detail: 'exact label' },
    ],
  },
]);

function ask(group: string, kind: string, path: string[], value: JsonValue, parent: JsonObject = {}) {
  const ctx: DefaultContext = { group, kind, path, value, parent, root: { apiVersion: 'v1', kind, metadata: { name: 'x' } } };
  return table.match(ctx);
}

describe('compileTable', () => {
  it('mounts a group at each prefix for each kind', () => {
    expect(ask('apps', 'Deployment', ['spec', 'template', 'spec', 'dnsPolicy'], 'ClusterFirst')?.detail).toBe('fixed');
    expect(ask('apps', 'Deployment', ['other', 'dnsPolicy'], 'ClusterFirst')?.detail).toBe('fixed');
    expect(ask('', 'Pod', ['other', 'dnsPolicy'], 'ClusterFirst')?.detail).toBe('fixed');
  });

  it('keeps kinds and API groups apart', () => {
    expect(ask('', 'Deployment', ['other', 'dnsPolicy'], 'ClusterFirst')).toBeUndefined();
    expect(ask('apps', 'StatefulSet', ['other', 'dnsPolicy'], 'ClusterFirst')).toBeUndefined();
  });

  it('compares fixed values and answers with the first matching rule', () => {
    expect(ask('apps', 'Deployment', ['other', 'dnsPolicy'], 'Default')).toBeUndefined();
    expect(ask('apps', 'Deployment', ['other', 'policy'], 'A')?.detail).toBe('first');
    expect(ask('apps', 'Deployment', ['other', 'policy'], 'B')?.detail).toBe('second');
  });

  it('matches any map key as the last segment, exact rules first', () => {
    expect(ask('batch', 'Job', ['metadata', 'labels', 'app'], 'web')?.detail).toBe('any label');
    expect(ask('batch', 'Job', ['metadata', 'labels', 'exact'], 'yes')).toEqual({ reason: 'allocated', detail: 'exact label' });
    // A key that only leads to deeper rules still falls back to the any-key rule.
    expect(ask('batch', 'Job', ['metadata', 'labels', 'team.example.com/owner'], 'me')?.detail).toBe('any label');
    expect(ask('batch', 'Job', ['metadata', 'annotations', 'app'], 'web')).toBeUndefined();
  });

  it('does not match a path shorter or longer than a rule', () => {
    expect(ask('apps', 'Deployment', ['other'], {})).toBeUndefined();
    expect(ask('apps', 'Deployment', ['other', 'dnsPolicy', 'x'], 'ClusterFirst')).toBeUndefined();
    expect(ask('apps', 'Deployment', [], {})).toBeUndefined();
  });
});
