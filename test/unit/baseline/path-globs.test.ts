import { describe, expect, it } from '@jest/globals';
import { compilePathGlobs } from '../../../src/baseline/path-globs.js';

describe('compilePathGlobs', () => {
  it.each([
    ['*.json', 'a.json', true],
    ['*.json', 'clusters/prod/app.json', true],
    ['*.json', 'clusters/prod/app.yaml', false],
    ['vendor', 'clusters/prod/vendor', true],
    ['vendor', 'clusters/prod/vendors', false],
    ['tests/**', 'tests/a/b.yaml', true],
    ['tests/**', 'clusters/tests/a.yaml', false],
    ['**/secrets.yaml', 'secrets.yaml', true],
    ['**/secrets.yaml', 'clusters/prod/secrets.yaml', true],
    ['clusters/*/secrets.yaml', 'clusters/prod/secrets.yaml', true],
    ['clusters/*/secrets.yaml', 'clusters/prod/eu/secrets.yaml', false],
    ['./clusters/staging/', 'clusters/staging', true],
    ['app?.yaml', 'app1.yaml', true],
    ['app?.yaml', 'app10.yaml', false],
    ['a+b.yaml', 'a+b.yaml', true],
  ])('%j on %j: %s', (pattern, path, expected) => {
    expect(compilePathGlobs([pattern])(path)).toBe(expected);
  });

  it('matches nothing without patterns', () => {
    expect(compilePathGlobs([])('a.yaml')).toBe(false);
  });
});
