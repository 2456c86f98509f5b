import { parseAllDocuments } from 'yaml';
import type { DriftReport, DriftResult, KubeObject, Manifest } from '../../src/model/index.js';
import { objectKey } from '../../src/model/index.js';

export const WEB_YAML = `# The storefront
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3  # scaled by hand in incidents
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
`;

export const API_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: shop/api:2.0.0
`;

export const SECRET_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
data:
  password: aHVudGVyMg==
`;

export const CONFIG_YAML = `# settings shared by the shop
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: "fast"   # two spaces before the comment
  retries: "3"
---
# feature flags, retired in the cluster already
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
  namespace: shop
data:
  beta: "on"
`;

export const FILES = {
  'clusters/prod/config.yaml': CONFIG_YAML,
  'clusters/prod/web.yaml': WEB_YAML,
  'clusters/prod/api.yaml': API_YAML,
  'clusters/prod/db-secret.yaml': SECRET_YAML,
  'README.md': '# infra\n',
};

export function manifest(path: string, text: string, document = 0): Manifest {
  const object = parseAllDocuments(text)[document]?.toJS() as KubeObject;
  const { apiVersion, kind } = object;
  const { name, namespace } = object.metadata;
  return { ref: { apiVersion, kind, name, namespace }, object, source: { path, document } };
}

export const BASELINE: Manifest[] = [
  manifest('clusters/prod/web.yaml', WEB_YAML),
  manifest('clusters/prod/api.yaml', API_YAML),
  manifest('clusters/prod/db-secret.yaml', SECRET_YAML),
];

const [web, api, secret] = BASELINE as [Manifest, Manifest, Manifest];

const kubectl = [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-11-20T09:00:00Z' }];

export function webDrift(replicas: number): DriftResult {
  return {
    object: web.ref,
    status: 'Drifted',
    source: web.source,
    changes: [{ op: 'replace', path: '/spec/replicas', baseline: 3, live: replicas }],
    verdict: 'compliant',
    violations: [],
    actors: kubectl,
  };
}

export const API_VIOLATING: DriftResult = {
  object: api.ref,
  status: 'Drifted',
  source: api.source,
  changes: [
    { op: 'replace', path: '/spec/template/spec/containers/0/image', baseline: 'shop/api:2.0.0', live: 'shop/api:latest' },
  ],
  verdict: 'violating',
  violations: [{ policy: 'guardrails', rule: 'pinned-images', message: 'container images must be pinned', severity: 'high' }],
  actors: kubectl,
};

export const SECRET_CHANGED: DriftResult = {
  object: secret.ref,
  status: 'Drifted',
  source: secret.source,
  changes: [{ op: 'replace', path: '/data/password', baseline: '<redacted>', live: '<redacted>', redacted: true }],
  verdict: 'compliant',
  violations: [],
  actors: kubectl,
};

export function inSync(index: number): DriftResult {
  const item = BASELINE[index] as Manifest;
  return { object: item.ref, status: 'InSync', source: item.source, changes: [], verdict: null, violations: [], actors: [] };
}

export function liveObjects(replicas: number): Map<string, KubeObject> {
  const liveWeb = structuredClone(web.object) as KubeObject & { spec: { replicas: number } };
  liveWeb.spec.replicas = replicas;
  const liveApi = structuredClone(api.object);
  return new Map([
    [objectKey(web.ref), liveWeb],
    [objectKey(api.ref), liveApi],
    [objectKey(secret.ref), structuredClone(secret.object)],
  ]);
}

/** A report of a scan over `paths` (default: `clusters/prod`, where the fixtures' files are). */
export function driftReport(repo: string, results: DriftResult[], paths: string[] = ['clusters/prod']): DriftReport {
  const count = (status: string) => results.filter((result) => result.status === status).length;
  return {
    apiVersion: 'driftback.dev/v1alpha1',
    kind: 'DriftReport',
    source: { repo, revision: '0'.repeat(40), paths },
    summary: {
      objects: results.length,
      inSync: count('InSync'),
      drifted: count('Drifted'),
      missing: count('Missing'),
      compliant: results.filter((result) => result.verdict === 'compliant').length,
      violating: results.filter((result) => result.verdict === 'violating').length,
      errors: count('Error'),
    },
    results,
    problems: [],
    skipped: [],
  };
}
