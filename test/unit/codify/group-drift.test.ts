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

  it('puts all of a scan into one group by default, named after its paths', () => {
    expect(groupDrift(results, 'source', ['clusters/prod'])).toEqual([
      { branch: 'driftback/clusters-prod', title: 'Codify live drift in clusters/prod', results },
    ]);
  });

  it('names the whole repository `all`, with no paths or with `.`', () => {
    for (const paths of [[], ['.'], ['clusters', '.']]) {
      expect(groupDrift(results, 'source', paths)).toEqual([
        { branch: 'driftback/all', title: 'Codify live drift in the repository', results },
      ]);
    }
  });

  it('joins several paths in sorted order, whatever order the scan gave them', () => {
    const expected = [{ branch: 'driftback/apps-clusters-prod', title: 'Codify live drift in apps, clusters/prod', results }];
    expect(groupDrift(results, 'source', ['clusters/prod', 'apps'])).toEqual(expected);
    expect(groupDrift(results, 'source', ['apps', 'clusters/prod', 'apps'])).toEqual(expected);
  });

  it('shortens a long list of paths with a digest, and tells two such lists apart', () => {
    const many = Array.from({ length: 12 }, (_, index) => `clusters/region-${index}`);
    const [group] = groupDrift(results, 'source', many);
    expect(group?.branch.length).toBeLessThanOrEqual(100);
    expect(group?.branch).toMatch(/-[0-9a-f]{10}$/);
    expect(group?.branch).not.toBe(groupDrift(results, 'source', [...many, 'clusters/region-12'])[0]?.branch);
  });

  it('groups by source file under `file`', () => {
    expect(groupDrift(results, 'file', ['clusters/prod']).map((group) => [group.branch, group.title])).toEqual([
      ['driftback/clusters-prod-api.yaml', 'Codify live drift in clusters/prod/api.yaml'],
      ['driftback/clusters-prod-db-secret.yaml', 'Codify live drift in clusters/prod/db-secret.yaml'],
      ['driftback/clusters-prod-web.yaml', 'Codify live drift in clusters/prod/web.yaml'],
    ]);
  });

  it('groups by namespace and by object', () => {
    expect(groupDrift(results, 'namespace', ['clusters/prod'])).toEqual([
      { branch: 'driftback/ns-shop', title: 'Codify live drift in namespace shop', results },
    ]);
    expect(groupDrift(results, 'object', ['clusters/prod']).map((group) => [group.branch, group.title])).toEqual([
      ['driftback/deployment-shop-api', 'Codify live drift in Deployment shop/api'],
      ['driftback/deployment-shop-web', 'Codify live drift in Deployment shop/web'],
      ['driftback/secret-shop-db', 'Codify live drift in Secret shop/db'],
    ]);
  });
});
