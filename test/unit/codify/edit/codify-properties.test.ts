/**
 * A codified edit re-read gives the live value (issue 9): whatever the diff reports of a
 * ConfigMap-and-Deployment manifest, writing it into the YAML source and parsing the result again
 * leaves no drift, and nothing is skipped.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { applyChangesToSource } from '../../../../src/codify/edit/index.js';
import { compareObjects } from '../../../../src/diff/index.js';
import type { KubeObject } from '../../../../src/model/index.js';

/**
 * The source is written by yaml's stringify (YAML 1.2), which leaves `y`, `on`, `.` or `e0` plain,
 * and read back as kubectl reads YAML 1.1: only keys and values that survive that round trip are
 * generated. (yaml's 1.1 schema also reads `.` as NaN and `e0` as 0 where kubectl's go-yaml reads
 * strings: a misreading of the baseline and codify stages of its own, left out here.)
 */
const roundTrips = (k: string, v: string): boolean => {
  const read = parse(stringify({ [k]: v }), { version: '1.1' }) as Record<string, unknown>;
  return Object.keys(read).length === 1 && read[k] === v;
};
const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/).filter((k) => roundTrips(k, 'x'));
// Strings YAML 1.1 readers take for other types are among them, so quoting is exercised.
const text = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9._-]{0,10}$/), fc.constantFrom('true', 'no', '010', '1.0', '~', 'null', 'a: b', '#x', '')).filter((v) => roundTrips('k', v));
const strings = fc.dictionary(key, text, { maxKeys: 5 });
const env = fc.uniqueArray(fc.record({ name: key, value: text }), { selector: (e) => e.name, maxLength: 4 });

function manifest(labels: Record<string, string>, vars: { name: string; value: string }[], image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels },
    spec: { template: { spec: { containers: [{ name: 'web', image, env: vars }] } } },
  };
}

describe('codify properties', () => {
  it('a codified edit re-read gives the live value', () => {
    fc.assert(
      fc.property(strings, env, text, strings, env, text, (gitLabels, gitEnv, gitTag, liveLabels, liveEnv, liveTag) => {
        const git = manifest(gitLabels, gitEnv, `nginx:${gitTag || '1'}`);
        const live = manifest(liveLabels, liveEnv, `nginx:${liveTag || '1'}`);
        const { changes } = compareObjects(live, git);
        const source = stringify(git);
        const edit = applyChangesToSource(source, 0, changes, { live, baseline: git });
        expect(edit.skipped).toEqual([]);
        expect(compareObjects(live, parse(edit.text) as KubeObject).changes).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
