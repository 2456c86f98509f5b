import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectCluster, discoverResources } from '../../src/cluster/index.js';
import { DemoKubectl } from '../../src/demo/act-like-kubectl.js';
import { applyServerDefaults } from '../../src/standin/index.js';
import type { KubeObject } from '../../src/model/index.js';
import { startStandInApiServer, writeKubeconfig, type ForbiddenRule, type StandInApiServer } from '../../src/standin/index.js';
import { BareRepo } from './codify-git.js';
import { GitHubStandIn } from './github-standin.js';
import { CRD_DIRECTORY, driftbackCrds, policyReportCrd } from './operator-crds.js';
import { Kubectl } from './standin-kubectl.js';

export const SYSTEM_NAMESPACE = 'driftback-system';
export const GITHUB_TOKEN = 'ghp_e2eOperatorToken0123456789';

const WEB = `# Storefront, applied with kubectl apply -f clusters/prod
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 2 # baseline capacity
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.14.2
          ports:
            - containerPort: 8080
`;

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.3.0
`;

const SETTINGS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  LOG_LEVEL: info
`;

export const REPO_FILES: Record<string, string> = {
  'clusters/prod/web.yaml': WEB,
  'clusters/prod/api.yaml': API,
  'clusters/prod/settings.yaml': SETTINGS,
};

export interface OperatorWorld {
  dir: string;
  apiServer: StandInApiServer;
  github: GitHubStandIn;
  repo: BareRepo;
  repoUrl: string;
  kubeconfig: string;
  /** Speaks to the stand-in the way kubectl does (client-side apply, merge patches with a field manager). */
  kubectl: DemoKubectl;
  /** `kubectl set image`/`kubectl edit` on a built-in kind: a strategic merge patch, lists merged by key. */
  strategicPatch(kind: 'Deployment' | 'ConfigMap', name: string, patch: object, manager: string): Promise<void>;
  /** The current live object, as the API server stores it. */
  live(kind: 'Deployment' | 'ConfigMap', name: string): KubeObject;
  driftWatch(): KubeObject | undefined;
  /** Events recorded in a namespace, optionally of one reason. */
  events(namespace: string, reason?: string): KubeObject[];
  cleanup(): Promise<void>;
}

export interface WorldOptions {
  /** Apply crds/ with the real kubectl (slower, and a check of the CRD files); else seed them. */
  crdsBy?: 'kubectl' | 'seed';
  /** Install the wgpolicyk8s.io PolicyReport CRD too. */
  policyReports?: boolean;
  /** The repository (default REPO_FILES), what is applied from it (default its files), and the DriftWatch's paths. */
  repository?: { files: Record<string, string>; applied: string[]; paths: string[] };
  /** The DriftWatch's resync interval; default 30m, so what tests see comes from watches. */
  interval?: string;
  /** What the API server refuses (403) to everyone, the operator included. */
  forbid?: ForbiddenRule[];
}

/**
 * A cluster stand-in holding what `kubectl apply -f clusters/prod` made from a real bare Git
 * repository, the driftback CRDs, a GitHub stand-in, the token Secret and a DriftWatch tying them
 * together: what a user has once they installed driftback.
 */
export async function createOperatorWorld(options: WorldOptions = {}): Promise<OperatorWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'driftback-e2e-operator-'));
  const namespaces = ['shop', SYSTEM_NAMESPACE].map((name): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  const seeded = [...namespaces, ...(options.crdsBy === 'kubectl' ? [] : driftbackCrds()), ...(options.policyReports ? [policyReportCrd()] : [])];
  const apiServer = await startStandInApiServer({ objects: seeded, defaulter: applyServerDefaults, bookmarkIntervalMs: 500, forbid: options.forbid });
  const github = await GitHubStandIn.start({ owner: 'acme', repo: 'infra', token: GITHUB_TOKEN });
  const repository = options.repository ?? { files: REPO_FILES, applied: Object.values(REPO_FILES), paths: ['clusters/prod'] };
  const repo = BareRepo.create(repository.files);
  const kubeconfig = join(dir, 'kubeconfig');
  const cleanup = async (): Promise<void> => {
    await apiServer.close();
    await github.close();
    repo.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  let kubectl: DemoKubectl;
  try {
    await writeKubeconfig(kubeconfig, apiServer);
    if (options.crdsBy === 'kubectl') await applyCrdsWithKubectl(apiServer);
    kubectl = new DemoKubectl(apiServer.url, await discoverResources(await connectCluster({ kubeconfig, env: {} })));
    for (const text of repository.applied) await kubectl.apply(text);
    await kubectl.apply(tokenSecret());
    await kubectl.apply(driftWatchManifest(pathToFileURL(repo.path).href, github.url, repository.paths, options.interval));
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    dir,
    apiServer,
    github,
    repo,
    repoUrl: pathToFileURL(repo.path).href,
    kubeconfig,
    kubectl,
    strategicPatch: async (kind, name, patch, manager) => {
      const path = kind === 'Deployment' ? `/apis/apps/v1/namespaces/shop/deployments/${name}` : `/api/v1/namespaces/shop/configmaps/${name}`;
      const response = await fetch(`${apiServer.url}${path}?fieldManager=${manager}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/strategic-merge-patch+json', 'user-agent': `${manager}/v1.34.0` },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`);
    },
    live: (kind, name) => {
      const found = apiServer.store.get({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, namespace: 'shop', name });
      if (!found) throw new Error(`no ${kind} shop/${name} in the stand-in`);
      return found;
    },
    driftWatch: () => apiServer.store.get({ apiVersion: 'driftback.dev/v1alpha1', kind: 'DriftWatch', namespace: SYSTEM_NAMESPACE, name: 'shop' }),
    events: (namespace, reason) => apiServer.store.list('v1', 'Event', namespace).filter((e) => reason === undefined || e.reason === reason),
    cleanup,
  };
}

async function applyCrdsWithKubectl(server: StandInApiServer): Promise<void> {
  const kubectl = await Kubectl.forServer(server);
  try {
    const result = await kubectl.run(['apply', '--validate=false', '-f', CRD_DIRECTORY]);
    if (result.code !== 0) throw new Error(`kubectl apply -f crds/ failed: ${result.stderr}`);
  } finally {
    await kubectl.cleanup();
  }
}

export function tokenSecret(): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: github-token
  namespace: ${SYSTEM_NAMESPACE}
type: Opaque
data:
  token: ${Buffer.from(GITHUB_TOKEN).toString('base64')}
`;
}

/** The interval is long on purpose: what the tests see comes from watches, not from the resync. */
export function driftWatchManifest(repoUrl: string, githubUrl: string, paths: string[] = ['clusters/prod'], interval = '30m'): string {
  return `apiVersion: driftback.dev/v1alpha1
kind: DriftWatch
metadata:
  name: shop
  namespace: ${SYSTEM_NAMESPACE}
spec:
  source:
    repo: ${repoUrl}
    revision: main
    paths: ${JSON.stringify(paths)}
  interval: ${interval}
  policies: ["builtin:hardening"]
  pullRequests:
    enabled: true
    baseBranch: main
    labels: [drift]
    github:
      apiURL: ${githubUrl}
      repository: acme/infra
      secretRef: { name: github-token }
`;
}
