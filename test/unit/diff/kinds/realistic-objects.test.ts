import { describe, expect, it } from '@jest/globals';
import { compareObjects } from '../../../../src/diff/index.js';
import { makeConfigMap, makeDeployment, makeService, makeStatefulSet, type RealisticOptions, type RealisticPair } from '../../../support/realistic-objects.js';

const makers: [string, (i: number, opts?: RealisticOptions) => RealisticPair][] = [
  ['Deployment', makeDeployment],
  ['Service', makeService],
  ['ConfigMap', makeConfigMap],
  ['StatefulSet', makeStatefulSet],
];
const INDEXES = [0, 1, 2, 3, 17, 258];

describe('realistic objects against the diff engine', () => {
  describe.each(makers)('%s', (_kind, make) => {
    it.each(INDEXES)('object %i without drift is in sync', (i) => {
      const { git, live, expected } = make(i);
      expect(expected).toEqual([]);
      expect(compareObjects(live, git).changes).toEqual([]);
    });

    it.each(INDEXES)('object %i without managedFields is in sync', (i) => {
      const { git, live } = make(i, { managedFields: false });
      expect(live.metadata.managedFields).toBeUndefined();
      expect(compareObjects(live, git).changes).toEqual([]);
    });

    it.each(INDEXES)('object %i with its hand edit reports exactly that edit', (i) => {
      const { git, live, expected } = make(i, { drift: true });
      expect(expected.length).toBeGreaterThan(0);
      expect(compareObjects(live, git).changes).toEqual(expected);
    });

    it.each(INDEXES)('object %i with its hand edit and no managedFields still reports it', (i) => {
      const { git, live, expected } = make(i, { drift: true, managedFields: false });
      expect(compareObjects(live, git).changes).toEqual(expected);
    });

    it('is deterministic', () => {
      expect(make(7, { drift: true })).toEqual(make(7, { drift: true }));
    });
  });
});
