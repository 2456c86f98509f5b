import { describe, expect, it } from '@jest/globals';
import { InvalidSpecError } from '../../../src/controller/drift-watch-spec.js';
import { admitSource, DEFAULT_TENANT_POLICY, gitProtocols, pullRequestTargetAllowed, transportOf } from '../../../src/controller/tenant-policy.js';

describe('tenant policy', () => {
  it.each([
    ['https://github.com/acme/infra.git', 'https'],
    ['ssh://git@github.com/acme/infra.git', 'ssh'],
    ['git@github.com:acme/infra.git', 'ssh'],
    ['file:///srv/git/infra.git', 'file'],
    ['/srv/git/infra.git', 'file'],
    ['../infra', 'file'],
    ['http://git.internal/infra.git', 'http'],
    ['ext::sh -c touch% /tmp/pwned', 'ext'],
    ['fd::17', 'fd'],
  ])('%s uses the %s transport', (repo, transport) => {
    expect(transportOf(repo)).toBe(transport);
  });

  it('admits https and ssh repositories by default and refuses every other transport, naming the flag where one exists', () => {
    for (const repo of ['https://github.com/acme/infra.git', 'git@github.com:acme/infra.git']) {
      expect(() => admitSource({ repo, paths: ['clusters/prod'] }, DEFAULT_TENANT_POLICY)).not.toThrow();
    }
    expect(() => admitSource({ repo: '/srv/git/infra.git', paths: [] }, DEFAULT_TENANT_POLICY)).toThrow(
      new InvalidSpecError('spec.source.repo uses the file transport, which this operator refuses unless the operator runs with --allow-repo-protocols file (allowed: https, ssh)'),
    );
    expect(() => admitSource({ repo: 'ext::sh -c id', paths: [] }, { ...DEFAULT_TENANT_POLICY, extraProtocols: ['file', 'http'] })).toThrow(
      'spec.source.repo uses the ext transport, which this operator refuses (allowed: https, ssh, file, http)',
    );
    expect(() => admitSource({ repo: 'file:///srv/git/infra.git', paths: [] }, { ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] })).not.toThrow();
  });

  it('refuses paths that leave the repository', () => {
    for (const path of ['../other', 'clusters/../../etc', '/etc']) {
      expect(() => admitSource({ repo: 'https://github.com/acme/infra.git', paths: [path] }, DEFAULT_TENANT_POLICY)).toThrow(`spec.source.paths entry "${path}" leaves the repository`);
    }
  });

  it('limits pull-request targets to the allowed owner/name patterns', () => {
    const policy = { ...DEFAULT_TENANT_POLICY, githubRepositories: ['acme/*', 'platform/infra'] };
    expect(pullRequestTargetAllowed('acme/infra', policy)).toBe(true);
    expect(pullRequestTargetAllowed('ACME/Infra', policy)).toBe(true);
    expect(pullRequestTargetAllowed('platform/infra', policy)).toBe(true);
    expect(pullRequestTargetAllowed('platform/infra-old', policy)).toBe(false);
    expect(pullRequestTargetAllowed('evil/acme', policy)).toBe(false);
    expect(pullRequestTargetAllowed('anyone/anything', DEFAULT_TENANT_POLICY)).toBe(true);
  });

  it('hands git the allowed transports', () => {
    expect(gitProtocols(DEFAULT_TENANT_POLICY)).toEqual(['https', 'ssh']);
    expect(gitProtocols({ ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] })).toEqual(['https', 'ssh', 'file']);
  });
});
