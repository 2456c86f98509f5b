import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKustomizeRenderer, readManifests } from '../../../src/baseline/index.js';
import { applyChangesToSource } from '../../../src/codify/edit/index.js';
import { withChanges } from '../../../src/codify/kustomize/kustomization-changes.js';
import { planOverlayEdits, type OverlayItem } from '../../../src/codify/kustomize/plan-overlay-edits.js';
import { objectKey, type Change, type JsonObject, type KubeObject } from '../../../src/model/index.js';
import { kustomizeSettings } from '../../support/kustomize-fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
        - name: proxy
          image: ghcr.io/acme/web:1.0.0
          args: [--proxy]
`;

/** Renders `root` of the files, drifts the named objects by `changes` and plans the write-back. */
async function writeBack(files: Record<string, string>, root: string, drift: Record<string, Change[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'driftback-overlay-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const read = await readManifests(dir, [root], { kustomize: kustomizeSettings() });
  expect(read.problems).toEqual([]);
  const live = new Map<string, KubeObject>();
  const items: OverlayItem[] = Object.entries(drift).map(([name, changes]) => {
    // A generated object is named by its generator's name; its hash suffix is kustomize's business.
    const manifest = read.manifests.find((m) => `${m.ref.kind}/${m.origin?.name}` === name)!;
    live.set(objectKey(manifest.ref), withChanges(manifest.object as unknown as JsonObject, changes) as unknown as KubeObject);
    const result = { object: manifest.ref, status: 'Drifted' as const, source: manifest.source, changes, verdict: 'compliant' as const, violations: [], actors: [] };
    return { result, manifest, changes };
  });
  const plan = await planOverlayEdits({
    items,
    live,
    files: { list: async () => Object.keys(files), read: async (path) => files[path] },
    renderer: createKustomizeRenderer(kustomizeSettings()),
    editor: applyChangesToSource,
  });
  return {
    writes: Object.fromEntries(plan.writes.map((w) => [w.path, w.content])),
    skipped: plan.skipped.map((s) => `${s.result.object.name}${s.change ? ` ${s.change.path}` : ''}: ${s.reason}`),
    codified: plan.codified.map((c) => c.result.object.name),
  };
}

const base = { 'base/kustomization.yaml': 'resources: [web.yaml]\n', 'base/web.yaml': DEPLOYMENT };

describe('writing drift back into a Kustomize overlay', () => {
  it('does not codify an images entry that a re-render shows also changes another container, and says why', async () => {
    const plan = await writeBack(
      { ...base, 'prod/kustomization.yaml': 'resources: [../base]\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 1.0.1\n' },
      'prod',
      { 'Deployment/web': [{ op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'ghcr.io/acme/web:1.0.1', live: 'ghcr.io/acme/web:1.0.2' }] },
    );
    expect(plan.writes).toEqual({});
    expect(plan.codified).toEqual([]);
    expect(plan.skipped).toEqual([
      'web /spec/template/spec/containers/0/image: a re-render of prod with the edit changes more than the drifted field: apps/Deployment web /spec/template/spec/containers/1/image changed too',
    ]);
  });

  it('reports only what Flux image automation, a secret generator, a replacement or a labels transformer owns', async () => {
    const plan = await writeBack(
      {
        ...base,
        'prod/kustomization.yaml': [
          'resources: [../base]',
          'commonLabels:',
          '  team: shop',
          'images:',
          '  - name: ghcr.io/acme/web',
          '    newTag: 1.0.1 # {"$imagepolicy": "flux-system:web:tag"}',
          'secretGenerator:',
          '  - name: creds',
          '    literals: [password=hunter2]',
          'replacements:',
          '  - source: {kind: Deployment, name: web, fieldPath: spec.template.spec.containers.0.image}',
          '    targets:',
          '      - select: {kind: Deployment, name: web}',
          '        fieldPaths: [spec.template.spec.containers.1.image]',
          '',
        ].join('\n'),
      },
      'prod',
      {
        'Deployment/web': [
          { op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'ghcr.io/acme/web:1.0.1', live: 'ghcr.io/acme/web:1.0.2' },
          { op: 'replace', path: '/spec/template/spec/containers/1/image', baseline: 'ghcr.io/acme/web:1.0.1', live: 'ghcr.io/acme/web:1.0.9' },
          { op: 'replace', path: '/metadata/labels/team', baseline: 'shop', live: 'payments' },
        ],
        'Secret/creds': [{ op: 'replace', path: '/type', baseline: 'Opaque', live: 'kubernetes.io/basic-auth' }],
      },
    );
    expect(plan.writes).toEqual({});
    expect(plan.skipped).toEqual([
      'web /spec/template/spec/containers/0/image: prod/kustomization.yaml images[0] (ghcr.io/acme/web) carries a Flux $imagepolicy marker: image automation owns this value',
      'web /spec/template/spec/containers/1/image: prod/kustomization.yaml (replacements[0] of prod/kustomization.yaml) copies it from another field: change that source instead',
      'web /metadata/labels/team: prod/kustomization.yaml commonLabels sets it on every object of the overlay',
      expect.stringMatching(/^creds-\w{10} \/type: it is generated by a secretGenerator: report only$/),
    ]);
  });

  it('never edits an overlay that another kustomization builds', async () => {
    const plan = await writeBack(
      { ...base, 'prod/kustomization.yaml': 'resources: [../base]\n', 'eu/kustomization.yaml': 'resources: [../prod]\nnamePrefix: eu-\n' },
      'prod',
      { 'Deployment/web': [{ op: 'replace', path: '/spec/replicas', baseline: 1, live: 4 }] },
    );
    expect(plan.writes).toEqual({});
    expect(plan.skipped).toEqual(['web: eu also builds files of prod; editing them would change that output too']);
  });

  it('writes a custom resource\'s list change as a JSON 6902 patch with a target', async () => {
    const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: shop\nspec:\n  secretName: shop-tls\n  dnsNames:\n    - shop.example.com\n    - www.shop.example.com\n';
    const plan = await writeBack(
      { 'base/kustomization.yaml': 'resources: [cert.yaml]\n', 'base/cert.yaml': certificate, 'prod/kustomization.yaml': 'namespace: shop\nresources:\n  - ../base\n' },
      'prod',
      { 'Certificate/shop': [{ op: 'replace', path: '/spec/dnsNames/1', baseline: 'www.shop.example.com', live: 'store.shop.example.com' }] },
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.writes).toEqual({
      'prod/kustomization.yaml': 'namespace: shop\nresources:\n  - ../base\npatches:\n  - path: driftback-certificate-shop.yaml\n    target:\n      group: cert-manager.io\n      version: v1\n      kind: Certificate\n      name: shop\n',
      'prod/driftback-certificate-shop.yaml': '# Written by driftback: the live Certificate shop/shop, codified.\n- op: replace\n  path: /spec/dnsNames/1\n  value: store.shop.example.com\n',
    });
  });

  it('adds a keyed list element to a new strategic-merge patch and removes a field with null', async () => {
    const plan = await writeBack(
      { ...base, 'prod/kustomization.yaml': 'resources: [../base]\npatches: []\n' },
      'prod',
      {
        'Deployment/web': [
          { op: 'add', path: '/spec/template/spec/containers/0/env', live: [{ name: 'DEBUG', value: '1' }] },
          { op: 'remove', path: '/spec/template/spec/containers/1/args', baseline: ['--proxy'] },
        ],
      },
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.writes['prod/driftback-deployment-web.yaml']).toBe(
      '# Written by driftback: the live Deployment web, codified.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DEBUG\n              value: "1"\n        - name: proxy\n          args: null\n',
    );
    expect(plan.writes['prod/kustomization.yaml']).toBe('resources: [../base]\npatches: [{path: driftback-deployment-web.yaml}]\n');
  });

  it('reports only a value Git holds as a ${var} substitution (Flux postBuild)', async () => {
    const plan = await writeBack(
      { ...base, 'base/web.yaml': DEPLOYMENT.replace('replicas: 1', 'replicas: ${WEB_REPLICAS}'), 'prod/kustomization.yaml': 'resources: [../base]\n' },
      'prod',
      { 'Deployment/web': [{ op: 'replace', path: '/spec/replicas', baseline: '${WEB_REPLICAS}', live: 3 }] },
    );
    expect(plan.writes).toEqual({});
    expect(plan.skipped).toEqual(['web /spec/replicas: Git holds a ${var} substitution here (Flux postBuild): report only']);
  });
});
