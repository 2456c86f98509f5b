import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseAllDocuments, stringify } from 'yaml';
import { connectCluster, createClusterPort, discoverResources } from '../cluster/index.js';
import type { LocalPullRequestPlatform } from '../codify/local/index.js';
import { systemClock } from '../controller/clock.js';
import { createOperatorDeps } from '../controller/create-operator-deps.js';
import { createLogger } from '../controller/logger.js';
import { createMetrics } from '../controller/metrics.js';
import { Operator } from '../controller/operator.js';
import type { KubeObject } from '../model/kube-object.js';
import { DemoKubectl } from './act-like-kubectl.js';
import { SAMPLE_PATHS, SAMPLE_POLICY } from './sample-app.js';
import { DEFAULT_TENANT_POLICY } from '../controller/tenant-policy.js';

const CRD_DIR = join(import.meta.dirname, '../../crds');
const WATCH_NAMESPACE = 'driftback-system';
/** The demo's DriftWatch: the scan step opens its pull request under the same owner, so the operator keeps that one current. */
export const DEMO_WATCH = `${WATCH_NAMESPACE}/shop`;

export interface OperatorDemoInput {
  serverUrl: string;
  kubeconfig: string;
  repo: string;
  workdir: string;
  platform: LocalPullRequestPlatform;
  say(line?: string): void;
}

/** The operator half of the demo: a DriftWatch, a live hand edit, the pull request kept current. */
export async function runOperatorDemo(input: OperatorDemoInput): Promise<void> {
  const { say } = input;
  const connection = await connectCluster({ kubeconfig: input.kubeconfig, env: {} });
  const crds = await readCrds();
  await new DemoKubectl(input.serverUrl, await discoverResources(connection)).applyObjects(crds);
  const kubectl = new DemoKubectl(input.serverUrl, await discoverResources(connection));
  say(`    $ kubectl apply -f crds/            # ${crds.map((c) => c.metadata.name).join(', ')}`);
  await kubectl.applyObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: WATCH_NAMESPACE } }]);
  await kubectl.apply(SAMPLE_POLICY);
  const watch = await kubectl.applyObjects([driftWatch(input.repo)]);
  say(`    $ kubectl apply -f shop-guardrails.yaml -f driftwatch-shop.yaml`);

  const operator = new Operator(
    createOperatorDeps({
      // Local bare repositories: the file transport a production operator refuses.
      tenantPolicy: { ...DEFAULT_TENANT_POLICY, extraProtocols: ['file'] },
      cluster: createClusterPort(connection),
      metrics: createMetrics(),
      log: createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) }),
      clock: systemClock,
      tempDir: input.workdir,
      platformFor: () => input.platform,
    }),
    { leaseNamespace: WATCH_NAMESPACE, leaseName: 'driftback-leader', identity: 'driftback-demo', controller: { workers: 2, debounceMs: 300, syncTimeoutMs: 30_000 } },
  );
  try {
    await operator.start();
    say('    driftback run: leader election won, watching DriftWatches');
    const ready = await until(() => kubectl.get(watch[0]!), (dw) => readyCondition(dw)?.status === 'True', 'the DriftWatch to become Ready');
    say(`    DriftWatch ${WATCH_NAMESPACE}/shop Ready: ${readyCondition(ready)?.message}`);

    say();
    say('==> A hand edit while the operator watches:');
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    const pullsBefore = JSON.stringify((await input.platform.readState()).pulls.map((p) => p.updatedAt));
    const editedAt = Date.now();
    await kubectl.mergePatch(web, { spec: { replicas: 7 } }, 'kubectl-scale');
    say('    $ kubectl scale deployment/web -n shop --replicas=7');
    const event = await until(
      () => kubectl.events('shop'),
      (events) => events.some((e) => isReplicaEvent(e, editedAt)),
      'the DriftDetected event',
    );
    const found = event.find((e) => isReplicaEvent(e, editedAt))!;
    say(`    Event ${found.reason} on Deployment shop/web after ${Date.now() - editedAt} ms: ${found.message}`);
    const state = await until(
      () => input.platform.readState(),
      (s) => JSON.stringify(s.pulls.map((p) => p.updatedAt)) !== pullsBefore,
      'the pull request update',
    );
    const pr = state.pulls.at(-1)!;
    say(`    pull request #${pr.number} on ${pr.head} updated: the overlay now sets replicas to 7 (${pr.file})`);

    say();
    say(`==> kubectl get driftwatch shop -n ${WATCH_NAMESPACE} -o yaml   (status)`);
    const status = (await kubectl.get(watch[0]!)).status;
    for (const line of stringify({ status }).trimEnd().split('\n')) say(`    ${line}`);
  } finally {
    await operator.stop();
  }
}

function driftWatch(repo: string): KubeObject {
  return {
    apiVersion: 'driftback.dev/v1alpha1',
    kind: 'DriftWatch',
    metadata: { name: 'shop', namespace: WATCH_NAMESPACE },
    spec: {
      source: { repo, paths: SAMPLE_PATHS },
      interval: '1m',
      namespace: 'shop',
      policies: ['shop-guardrails', 'builtin:hardening'],
      pullRequests: { enabled: true, labels: ['drift'] },
    },
  };
}

async function readCrds(): Promise<KubeObject[]> {
  const files = (await readdir(CRD_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  const texts = await Promise.all(files.map((f) => readFile(join(CRD_DIR, f), 'utf8')));
  return texts.flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as KubeObject));
}

interface Condition {
  type: string;
  status: string;
  message?: string;
}

function readyCondition(object: KubeObject): Condition | undefined {
  const conditions = (object.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => c.type === 'Ready');
}

function isReplicaEvent(event: { reason?: string; message?: string; lastTimestamp?: string; involvedObject?: { name?: string } }, after: number): boolean {
  const at = Date.parse(event.lastTimestamp ?? '');
  return event.involvedObject?.name === 'web' && event.message?.includes('/spec/replicas') === true && at >= Math.floor(after / 1000) * 1000;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
