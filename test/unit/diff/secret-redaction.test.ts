import { describe, it, expect } from '@jest/globals';
import { compareObjects } from '../../../src/diff/index.js';
import { REDACTED, type Comparison, type KubeObject } from '../../../src/model/index.js';

const OLD = 'hunter2"old\\pass/+';
const NEW = 'correct horse "battery"\\staple';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function secret(fields: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop', ...(annotations ? { annotations } : {}) },
    type: 'Opaque',
    ...fields,
  };
}

/** Every spelling in which a value could leak: plain, base64 and JSON-escaped. */
function expectNoLeak(result: Comparison, ...values: string[]): void {
  const output = JSON.stringify(result);
  for (const value of values) {
    for (const form of [value, b64(value), JSON.stringify(value).slice(1, -1), JSON.stringify(b64(value)).slice(1, -1)]) {
      expect(output).not.toContain(form);
    }
  }
}

describe('Secret data', () => {
  it('stringData in Git equals the same value in data', () => {
    const result = compareObjects(secret({ data: { password: b64(OLD) } }), secret({ stringData: { password: OLD } }));
    expect(result.changes).toEqual([]);
    expect(result.suppressed).toContainEqual({ path: '/data/password', reason: 'string-data', detail: expect.any(String) });
    expectNoLeak(result, OLD);
  });

  it('stringData wins over data for the same key, as the API server merges them', () => {
    const git = secret({ data: { password: b64('stale') }, stringData: { password: OLD } });
    expect(compareObjects(secret({ data: { password: b64(OLD) } }), git).changes).toEqual([]);
  });

  const changed: [string, KubeObject, KubeObject, unknown[]][] = [
    [
      'a changed data value',
      secret({ data: { password: b64(NEW) } }),
      secret({ data: { password: b64(OLD) } }),
      [{ op: 'replace', path: '/data/password', baseline: REDACTED, live: REDACTED, redacted: true }],
    ],
    [
      'a changed stringData value',
      secret({ data: { password: b64(NEW) } }),
      secret({ stringData: { password: OLD } }),
      [{ op: 'replace', path: '/data/password', baseline: REDACTED, live: REDACTED, redacted: true }],
    ],
    [
      'a key added live',
      secret({ data: { password: b64(OLD), extra: b64(NEW) } }),
      secret({ stringData: { password: OLD } }),
      [{ op: 'add', path: '/data/extra', live: REDACTED, redacted: true }],
    ],
    [
      'a key removed live',
      secret({ data: {} }),
      secret({ stringData: { password: OLD } }),
      [{ op: 'remove', path: '/data/password', baseline: REDACTED, redacted: true }],
    ],
    [
      'an annotation holding a value in plain text',
      secret({ data: { password: b64(NEW) } }, { note: `pw is ${NEW}` }),
      secret({ data: { password: b64(NEW) } }),
      [{ op: 'add', path: '/metadata/annotations/note', live: REDACTED, redacted: true }],
    ],
    [
      'a label holding a value in base64',
      { ...secret({ data: { password: b64(NEW) } }), metadata: { name: 'db', namespace: 'shop', labels: { copy: b64(NEW) } } },
      secret({ data: { password: b64(NEW) } }),
      [{ op: 'add', path: '/metadata/labels/copy', live: REDACTED, redacted: true }],
    ],
    [
      'an annotation Git holds that carries a value',
      secret({ data: { password: b64(OLD) } }, { note: 'rotated' }),
      secret({ stringData: { password: OLD } }, { note: OLD }),
      [{ op: 'replace', path: '/metadata/annotations/note', baseline: REDACTED, live: 'rotated', redacted: true }],
    ],
  ];
  it.each(changed)('%s is reported redacted', (_name, live, git, expected) => {
    const result = compareObjects(live, git);
    expect(result.changes).toEqual(expected);
    expectNoLeak(result, OLD, NEW);
  });

  it('never lets last-applied-configuration through', () => {
    const git = secret({ stringData: { password: OLD } });
    const live = secret({ data: { password: b64(NEW) } }, { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(git) });
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([{ op: 'replace', path: '/data/password', baseline: REDACTED, live: REDACTED, redacted: true }]);
    expect(JSON.stringify(result)).not.toContain('stringData');
    expectNoLeak(result, OLD, NEW);
  });

  it('the token controller fills a service-account token Secret', () => {
    const git: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sa-token', annotations: { 'kubernetes.io/service-account.name': 'build' } },
      type: 'kubernetes.io/service-account-token',
    };
    const live: KubeObject = {
      ...git,
      metadata: { ...git.metadata, annotations: { 'kubernetes.io/service-account.name': 'build', 'kubernetes.io/service-account.uid': 'u-1' } },
      data: { token: b64('eyJhbGciOi.token.value'), 'ca.crt': b64('-----BEGIN CERTIFICATE-----'), namespace: b64('shop') },
    };
    const result = compareObjects(live, git);
    expect(result.changes).toEqual([]);
    expect(result.suppressed.filter((s) => s.reason === 'allocated').map((s) => s.path).sort()).toEqual([
      '/data/ca.crt',
      '/data/namespace',
      '/data/token',
    ]);
    expectNoLeak(result, 'eyJhbGciOi.token.value');
  });
});
