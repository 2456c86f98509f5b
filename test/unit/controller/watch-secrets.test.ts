import { describe, expect, it } from '@jest/globals';
import { parseDriftWatch } from '../../../src/controller/drift-watch-spec.js';
import { MissingSecretError, readWatchSecrets } from '../../../src/controller/watch-secrets.js';

/** Secrets by namespace/name, as the cluster holds them; every read is recorded. */
function cluster(secrets: Record<string, Record<string, string>>) {
  const reads: string[] = [];
  return {
    reads,
    readSecret: async (namespace: string, name: string) => {
      reads.push(`${namespace}/${name}`);
      return secrets[`${namespace}/${name}`];
    },
  };
}

describe('readWatchSecrets: a tenant reaches only the Secrets of its own namespace', () => {
  const watch = (secretRef: Record<string, string>) =>
    parseDriftWatch({
      apiVersion: 'driftback.dev/v1alpha1',
      kind: 'DriftWatch',
      metadata: { name: 'shop', namespace: 'tenant-a', generation: 1 },
      spec: {
        source: { repo: 'https://github.com/acme/infra.git' },
        pullRequests: { enabled: true, github: { repository: 'acme/infra', secretRef } },
      },
    });

  it("never reads another namespace's Secret, even when the secretRef names one", async () => {
    const secrets = cluster({ 'driftback-system/github-token': { token: 'ghp_operatorsOwnToken' } });
    const error = await readWatchSecrets(secrets, watch({ name: 'github-token', namespace: 'driftback-system' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as Error).message).toBe('Secret tenant-a/github-token named by spec.pullRequests.github.secretRef does not exist');
    expect(secrets.reads).toEqual(['tenant-a/github-token']);
  });

  it("reads the tenant's own Secret", async () => {
    const secrets = cluster({ 'tenant-a/github-token': { token: 'ghp_tenantToken' } });
    expect(await readWatchSecrets(secrets, watch({ name: 'github-token' }))).toEqual({ git: undefined, github: { token: 'ghp_tenantToken' } });
  });
});
