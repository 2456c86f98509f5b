import { describe, expect, it } from '@jest/globals';
import { branchFor, groupDrift } from '../../../src/codify/group-drift.js';
import { API_VIOLATING, SECRET_CHANGED, webDrift } from '../../support/codify-fixtures.js';

describe('branchFor', () => {
  it.each([
    ['clusters/prod/web.yaml', 'driftback/clusters-prod-web.yaml'],
    ['ns-shop', 'driftback/ns-shop'],
    ['Deployment-shop-Web', 'driftback/deployment-shop-web'],
    ['../a b~c^d:e?f*g[h\\i', 'driftback/a-b-c-d-e-f-g-h-i'],
    ['apps/x.lock', 'driftback/apps-x-lock'],
    ['a..b', 'driftback/a.b'],
  ])('%s -> %s', (scope, branch) => {
    expect(branchFor(scope)).toBe(branch);
  });

  it('shortens long scopes with a digest so distinct scopes stay distinct', () => {
    const long = `clusters/${'x'.repeat(120)}`;
    const branch = branchFor(`${long}/a.yaml`);
    expect(branch.length).toBeLessThanOrEqual(100);
    expect(branch).not.toBe(branchFor(`${long}/b.yaml`));
  });
});

describe('groupDrift', () => {
  const results = [webDrift(5), API_VIOLATING, SECRET_CHANGED];

  it('groups by source file by default', () => {
    expect(groupDrift(results, 'source').map((group) => group.branch)).toEqual([
      'driftback/clusters-prod-api.yaml',
      'driftback/clusters-prod-db-secret.yaml',
      'driftback/clusters-prod-web.yaml',
    ]);
  });

  it('groups by namespace and by object', () => {
    expect(groupDrift(results, 'namespace')).toEqual([
      { branch: 'driftback/ns-shop', title: 'Codify live drift in namespace shop', results },
    ]);
    expect(groupDrift(results, 'object').map((group) => [group.branch, group.title])).toEqual([
      ['driftback/deployment-shop-api', 'Codify live drift in Deployment shop/api'],
      ['driftback/deployment-shop-web', 'Codify live drift in Deployment shop/web'],
      ['driftback/secret-shop-db', 'Codify live drift in Secret shop/db'],
    ]);
  });
});
