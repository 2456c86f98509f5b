import { describe, expect, it } from '@jest/globals';
import { fingerprintDrift } from '../../../src/codify/fingerprint.js';
import { API_VIOLATING, inSync, webDrift } from '../../support/codify-fixtures.js';

describe('fingerprintDrift', () => {
  it('is the same for the same drift in any order, whoever wrote it and when', () => {
    const later = { ...webDrift(5), actors: [{ manager: 'helm', operation: 'Update', time: '2026-11-27T00:00:00Z' }] };
    expect(fingerprintDrift([webDrift(5), API_VIOLATING], false)).toBe(fingerprintDrift([API_VIOLATING, later, inSync(2)], false));
    expect(fingerprintDrift([webDrift(5)], false)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a value, a verdict or the deletion setting', () => {
    const base = fingerprintDrift([webDrift(5)], false);
    expect(fingerprintDrift([webDrift(6)], false)).not.toBe(base);
    expect(fingerprintDrift([{ ...webDrift(5), verdict: null }], false)).not.toBe(base);
    expect(fingerprintDrift([webDrift(5)], true)).not.toBe(base);
  });
});
