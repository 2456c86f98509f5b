import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readManifests } from '../../../src/baseline/index.js';
import { describeRef } from '../../../src/model/index.js';
import { kustomizeSettings } from '../../support/kustomize-fixtures.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "1"\n';

/** Kustomizations a hostile or careless repository holds, each in its own root beside a good one. */
const HOSTILE: Record<string, string> = {
  'good/kustomization.yaml': 'resources: [app.yaml]\n',
  'good/app.yaml': CONFIG_MAP,
  'remote/kustomization.yaml': 'resources:\n  - https://github.com/acme/infra//base?ref=v1\n',
  'scp/kustomization.yaml': 'resources:\n  - git@github.com:acme/infra.git//base\n',
  'exec/kustomization.yaml': 'transformers: [fn.yaml]\n',
  'exec/fn.yaml': 'apiVersion: acme.dev/v1\nkind: Steal\nmetadata:\n  name: steal\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./steal.sh\n',
  'plugin/kustomization.yaml': 'generators: [gen.yaml]\n',
  'plugin/gen.yaml': 'apiVersion: acme.dev/v1\nkind: SecretsFromVault\nmetadata:\n  name: vault\n',
  'helm/kustomization.yaml': 'helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n',
  'escape/kustomization.yaml': 'resources:\n  - ../../../../../../etc\n',
  'outside/kustomization.yaml': 'resources:\n  - ../good/app.yaml\n',
  'hostfile/kustomization.yaml': 'configMapGenerator:\n  - name: token\n    files:\n      - /var/run/secrets/kubernetes.io/serviceaccount/token\n',
  'broken/kustomization.yaml': 'resources:\n  - app.yaml\n  bad: [\n',
  'missing/kustomization.yaml': 'resources: [nowhere.yaml]\n',
};

describe('hostile and broken kustomizations', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-hostile-'));
    for (const [path, text] of Object.entries(HOSTILE)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'symlink'));
    writeFileSync(join(dir, 'symlink/kustomization.yaml'), 'resources: [passwd.yaml]\n');
    symlinkSync('/etc/passwd', join(dir, 'symlink/passwd.yaml'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses each with one error line naming the root and why, and still renders the good root', async () => {
    const read = await readManifests(dir, ['.'], { kustomize: kustomizeSettings() });
    expect(read.manifests.map((m) => `${describeRef(m.ref)} <- ${m.source.root}`)).toEqual(['ConfigMap app <- good']);
    const lines = Object.fromEntries(read.problems.map((p) => [p.path, `${p.severity}: ${p.message}`]));
    expect(lines).toEqual({
      broken: expect.stringMatching(/^error: broken: cannot render: broken\/kustomization\.yaml:3:\d+: /),
      escape: 'error: escape: cannot render: escape/kustomization.yaml: resources entry "../../../../../../etc" leaves the repository',
      exec: 'error: exec: cannot render: exec/kustomization.yaml: transformers entry "fn.yaml" runs a KRM function (Steal); exec and container functions are disabled',
      helm: 'error: helm: cannot render: helm/kustomization.yaml: helmCharts: Helm charts are not rendered (helm is disabled)',
      hostfile: 'error: hostfile: cannot render: hostfile/kustomization.yaml: configMapGenerator entry "/var/run/secrets/kubernetes.io/serviceaccount/token" leaves the repository',
      missing: expect.stringMatching(/^error: missing: cannot render: .*nowhere\.yaml/),
      outside: 'error: outside: cannot render: outside/kustomization.yaml: resources entry "../good/app.yaml" is outside outside (the load restrictor allows only files in or below a kustomization\'s directory)',
      plugin: 'error: plugin: cannot render: plugin/kustomization.yaml: generators entry "gen.yaml" is a plugin (acme.dev/v1 SecretsFromVault); plugins are disabled',
      remote: 'error: remote: cannot render: remote/kustomization.yaml: resources entry "https://github.com/acme/infra//base?ref=v1" is a remote base; remote bases are refused unless allowed (--allow-remote-bases)',
      scp: 'error: scp: cannot render: scp/kustomization.yaml: resources entry "git@github.com:acme/infra.git//base" is a remote base; remote bases are refused unless allowed (--allow-remote-bases)',
      symlink: 'error: symlink: cannot render: symlink/passwd.yaml: refused: a symbolic link leads outside the repository',
    });
    for (const problem of read.problems) {
      expect(problem.message).not.toContain('\n');
      expect(problem.message).not.toContain(dir);
    }
  });

  it('without a kustomize binary, each root is one error line and plain files are still read', async () => {
    writeFileSync(join(dir, 'plain.yaml'), CONFIG_MAP.replace('name: app', 'name: plain'));
    try {
      const read = await readManifests(dir, ['good', 'plain.yaml'], { kustomize: kustomizeSettings({ pathVariable: '/nonexistent' }) });
      expect(read.manifests.map((m) => describeRef(m.ref))).toEqual(['ConfigMap plain']);
      expect(read.problems).toEqual([
        expect.objectContaining({ severity: 'error', path: 'good', message: 'good: cannot render: no kustomize binary: neither kustomize nor kubectl is on PATH (install one, or pass --kustomize <path>)' }),
      ]);
    } finally {
      rmSync(join(dir, 'plain.yaml'));
    }
  });

  it('stops a render that runs past the time limit or writes past the output cap', async () => {
    const slow = join(dir, 'slow-kustomize');
    writeFileSync(slow, '#!/bin/sh\nif [ "$1" = version ]; then echo v5.0.0; exit 0; fi\nexec /bin/sleep 30\n');
    chmodSync(slow, 0o755);
    const loud = join(dir, 'loud-kustomize');
    writeFileSync(loud, '#!/bin/sh\nif [ "$1" = version ]; then echo v5.0.0; exit 0; fi\nexec /usr/bin/yes "apiVersion: v1"\n');
    chmodSync(loud, 0o755);

    const timedOut = await readManifests(dir, ['good'], { kustomize: { binary: slow, timeoutMs: 500 } });
    expect(timedOut.problems).toEqual([expect.objectContaining({ severity: 'error', path: 'good', message: 'good: cannot render: timed out after 0.5 s' })]);
    const capped = await readManifests(dir, ['good'], { kustomize: { binary: loud, maxOutputBytes: 1024 * 1024 } });
    expect(capped.problems).toEqual([expect.objectContaining({ severity: 'error', path: 'good', message: 'good: cannot render: the output exceeds 1 MiB' })]);
  });
});
