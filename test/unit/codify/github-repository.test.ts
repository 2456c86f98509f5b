import { describe, expect, it } from '@jest/globals';
import { githubRepositoryFromUrl } from '../../../src/codify/index.js';

describe('githubRepositoryFromUrl', () => {
  it.each([
    ['https://github.com/acme/infra.git', 'acme/infra'],
    ['https://github.com/acme/infra', 'acme/infra'],
    ['https://x-access-token:t@github.com/acme/infra.git', 'acme/infra'],
    ['git@github.com:acme/my.repo.git', 'acme/my.repo'],
    ['ssh://git@github.com/acme/infra.git', 'acme/infra'],
    ['https://ghe.example.com/acme/infra.git', undefined],
    ['/srv/git/infra.git', undefined],
  ])('%s -> %s', (repo, expected) => {
    expect(githubRepositoryFromUrl(repo)).toBe(expected);
  });
});
