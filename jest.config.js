import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDefaultEsmPreset } from 'ts-jest';

const preset = createDefaultEsmPreset({ tsconfig: 'tsconfig.json' });

const common = {
  ...preset,
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/**
 * The real-server tier needs kube-apiserver and etcd, built from their Go modules by its global
 * setup. Without Go and without cached binaries it is left out with one loud line, unless
 * DRIFTBACK_REQUIRE_REALSERVER=1 (set by .ci/run), where it runs and fails.
 */
function realServerTierRuns() {
  if (process.env.DRIFTBACK_REQUIRE_REALSERVER === '1') return true;
  const go = spawnSync('go', ['version']);
  if (!go.error && go.status === 0) return true;
  const cache = process.env.DRIFTBACK_REALSERVER_CACHE ?? join(import.meta.dirname, '.cache/realserver');
  const cached = existsSync(cache) && readdirSync(cache).some((dir) => existsSync(join(cache, dir, 'kube-apiserver')));
  if (!cached) {
    process.stderr.write(
      '\n!!! SKIPPING the real kube-apiserver test tier: Go is not installed and no built binaries are cached ' +
        '(install Go, or set DRIFTBACK_REQUIRE_REALSERVER=1 to make this a failure) !!!\n\n',
    );
  }
  return cached;
}

/** @type {import('jest').Config} */
export default {
  // A global option: jest ignores testTimeout inside a project, which left every test at 5 s.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
    },
    ...(realServerTierRuns()
      ? [
          {
            ...common,
            displayName: 'realserver',
            roots: ['<rootDir>/test/realserver'],
            testMatch: ['**/*.test.ts'],
            globalSetup: '<rootDir>/test/realserver/build-binaries.js',
          },
        ]
      : []),
  ],
};
