/**
 * The operator's limits on what a DriftWatch (tenant input) may make it do: the flags of
 * `driftback run`, and the adapters refusing a repository transport or a pull-request target
 * before anything is cloned or pushed.
 */
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { systemClock } from '../../../src/controller/clock.js';
import { createOperatorDeps } from '../../../src/controller/create-operator-deps.js';
import { InvalidSpecError } from '../../../src/controller/drift-watch-spec.js';
import { createLogger } from '../../../src/controller/logger.js';
import { createMetrics } from '../../../src/controller/metrics.js';
import { DEFAULT_TENANT_POLICY } from '../../../src/controller/tenant-policy.js';
import { runDriftback } from '../../support/cli-harness.js';
import { FakeClusterPort } from '../../support/fake-cluster-port.js';
import { createGitRepo } from '../../support/git-repo.js';

const quiet = createLogger({ destination: new Writable({ write: (_chunk, _encoding, done) => done() }) });
const deps = (policy = DEFAULT_TENANT_POLICY) =>
  createOperatorDeps({ cluster: new FakeClusterPort(), metrics: createMetrics(), log: quiet, clock: systemClock, tenantPolicy: policy });

describe('driftback run: what a DriftWatch may make the operator do', () => {
  it.each([
    [['--allow-repo-protocols', 'ext'], '--allow-repo-protocols takes file, http (https and ssh are always allowed; got "ext")'],
    [['--git-timeout', 'soon'], '--git-timeout:'],
  ])('refuses %j before connecting to anything', async (flags, message) => {
    const run = await runDriftback(['run', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('refuses a file:// repository unless the operator allows the file transport, before cloning', async () => {
    const repo = createGitRepo({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    try {
      const refused = await deps().baselines.load({ repo: repo.url, paths: [] }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidSpecError);
      expect((refused as Error).message).toContain('--allow-repo-protocols file');
      const loaded = await deps({ ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] }).baselines.load({ repo: repo.url, paths: [] });
      expect(loaded.manifests.map((m) => m.ref.name)).toEqual(['a']);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses a traversing path', async () => {
    const refused = await deps().baselines.load({ repo: 'https://github.com/acme/infra.git', paths: ['../../etc'] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidSpecError);
  });
});
