/**
 * Issue 9 against a real kube-apiserver: custom resources whose CRD schema defaults fields (applied
 * client-side, server-side, edited through an atomic list, and with managedFields cleared),
 * replicas an HPA sets through /scale (the HPA in Git and not), a caBundle cert-manager's
 * cainjector injects, and a StatefulSet without managedFields retagged by hand. No controller
 * runs beside the server, so their writes are made as they make them: the HPA controller PATCHes
 * /scale as kube-controller-manager, cainjector writes as `cainjector`.
 *
 * Found on v1.37.2: a JSON patch removing /metadata/managedFields is accepted and changes nothing.
 * Replacing it with [] cleared a built-in object's but not a custom resource's; [{}] (the
 * documented way) clears both, and later Update writes (kubectl label, set image) do not start
 * tracking again, so the object stays without managedFields.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from '../../src/model/report.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { startRealApiServer, type RealApiServer } from '../support/real-api-server.js';
import { kubectlOk, resultFor as result, scanReport, writeTree } from '../support/real-server-steps.js';
import { LIVE_ONLY_HPA, PLATFORM_OBJECT_FILES, ROUTE_CRD_FILE } from './platform-objects-corpus.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const CA_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n').toString('base64');

describe('platform objects on a real kube-apiserver (issue 9)', () => {
  let server: RealApiServer;
  let repo: GitRepo;
  let tree: string;

  const kubectl = (...args: string[]) => kubectlOk(server, args);
  const request = async (method: string, path: string, body: unknown, contentType: string) => {
    const reply = await server.request(method, path, { body, contentType });
    expect({ path, status: reply.status, body: reply.status === 200 ? '' : reply.body }).toEqual({ path, status: 200, body: '' });
  };
  const scan = (...extra: string[]): Promise<DriftReport> => scanReport(repo, server, extra);
  const drifted = (report: DriftReport) =>
    Object.fromEntries(
      report.results
        .filter((r) => r.status !== 'InSync')
        .map((r) => [`${r.object.kind}/${r.object.name}`, { changes: r.changes.map((c) => `${c.op} ${c.path} ${JSON.stringify(c.live ?? c.baseline)}`), actors: r.actors.map((a) => a.manager) }]),
    );
  const scaleAsTheHpaController = (name: string, replicas: number) =>
    request('PATCH', `/apis/apps/v1/namespaces/shop/deployments/${name}/scale?fieldManager=kube-controller-manager`, { spec: { replicas } }, MERGE_PATCH);
  const clearManagedFields = (path: string) => request('PATCH', path, [{ op: 'replace', path: '/metadata/managedFields', value: [{}] }], JSON_PATCH);

  beforeAll(async () => {
    server = await startRealApiServer();
    repo = createGitRepo(PLATFORM_OBJECT_FILES);
    tree = writeTree(PLATFORM_OBJECT_FILES);
    writeFileSync(join(tree, 'live-only-hpa.yaml'), LIVE_ONLY_HPA);
    const file = (path: string) => join(tree, path);
    await kubectl('apply', '-f', file(ROUTE_CRD_FILE));
    await kubectl('wait', '--for=condition=Established', 'crd/routes.gateway.example.com', '--timeout=60s');
    await kubectl('apply', '-f', file('platform/namespace.yaml'));
    for (const path of ['platform/routes/checkout.yaml', 'platform/routes/catalog.yaml', 'platform/apps/api.yaml', 'platform/apps/worker.yaml', 'platform/apps/cache.yaml', 'platform/webhooks.yaml']) {
      await kubectl('apply', '-f', file(path));
    }
    // Server-side apply writes as `kubectl`: a Git manager only when the scan names it.
    await kubectl('apply', '--server-side', '-f', file('platform/routes/search.yaml'));
    await kubectl('apply', '-f', file('live-only-hpa.yaml'));

    await scaleAsTheHpaController('api', 4);
    await scaleAsTheHpaController('worker', 3);
    await request(
      'PATCH',
      '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/policy-hooks?fieldManager=cainjector',
      [{ op: 'add', path: '/webhooks/0/clientConfig/caBundle', value: CA_BUNDLE }],
      JSON_PATCH,
    );
    await clearManagedFields('/apis/gateway.example.com/v1/namespaces/shop/routes/catalog');
    await clearManagedFields('/apis/apps/v1/namespaces/shop/statefulsets/cache');
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    repo?.cleanup();
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('the server fills in the CRD schema defaults and keeps managedFields cleared', async () => {
    const route = (await server.request('GET', '/apis/gateway.example.com/v1/namespaces/shop/routes/catalog')).json<{
      metadata: { managedFields?: unknown };
      spec: { parentRefs: unknown[]; rules: { matches: unknown[]; backendRefs: unknown[] }[]; mirrors: unknown[] };
    }>();
    expect(route.metadata.managedFields).toBeUndefined();
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    expect(route.spec.rules[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: 'catalog', port: 8080, weight: 1 }] });
    expect(route.spec.rules[1]?.matches).toEqual([{ path: { type: 'PathPrefix', value: '/api' } }]);
    expect(route.spec.mirrors).toEqual([{ name: 'shadow-a', percent: 100 }, { name: 'shadow-b', percent: 100 }]);
  });

  it('scans in sync: CRD defaults, HPA replicas and an injected caBundle are not drift, and --explain names the rules', async () => {
    const report = await scan('--git-manager', 'kubectl', '--explain');
    expect(drifted(report)).toEqual({});
    expect(report.summary.objects).toBe(10);
    const reasonAt = (kind: string, name: string, path: string) => result(report, kind, name).suppressed?.find((s) => s.path === path);
    expect(reasonAt('Deployment', 'api', '/spec/replicas')).toMatchObject({ reason: 'controller-owned', rule: 'hpa-replicas' });
    expect(reasonAt('Deployment', 'worker', '/spec/replicas')).toMatchObject({ reason: 'controller-owned', rule: 'hpa-replicas' });
    expect(reasonAt('ValidatingWebhookConfiguration', 'policy-hooks', '/webhooks/0/clientConfig/caBundle')).toMatchObject({ reason: 'controller-owned', rule: 'cainjector-ca-bundle' });
    expect(reasonAt('Route', 'search', '/spec/parentRefs/0/group')).toMatchObject({ reason: 'default' });
    expect(reasonAt('Route', 'catalog', '/spec/rules/0/matches')).toMatchObject({ reason: 'default' });
  });

  it('reports exactly the hand edits: through an atomic list, under an HPA, on objects without managedFields', async () => {
    // kubectl edit of one port: the whole atomic rules list, defaults included, moves to kubectl-edit.
    await kubectl('patch', '-n', 'shop', 'route/checkout', '--type=json', '--field-manager=kubectl-edit', '-p', '[{"op":"replace","path":"/spec/rules/0/backendRefs/0/port","value":8081}]');
    await kubectl('patch', '-n', 'shop', 'route/checkout', '--type=json', '--field-manager=kubectl-edit', '-p', '[{"op":"remove","path":"/spec/mirrors/0"}]');
    await kubectl('label', '-n', 'shop', 'route/search', 'owner=oncall');
    await kubectl('patch', '-n', 'shop', 'route/catalog', '--type=merge', '-p', '{"spec":{"sessionAffinity":"Cookie"}}');
    await kubectl('scale', '-n', 'shop', 'deployment/api', '--replicas=7');
    await kubectl('set', 'image', '-n', 'shop', 'statefulset/cache', 'redis=redis:latest');
    const cache = (await server.request('GET', '/apis/apps/v1/namespaces/shop/statefulsets/cache')).json<{ metadata: { managedFields?: unknown } }>();
    expect(cache.metadata.managedFields).toBeUndefined();

    const report = await scan('--git-manager', 'kubectl');
    expect(drifted(report)).toEqual({
      // mirrors pair by their x-kubernetes-list-map-keys: one removal at Git's index, not a shifted list.
      'Route/checkout': { changes: ['remove /spec/mirrors/0 {"name":"shadow-a"}', 'replace /spec/rules/0/backendRefs/0/port 8081'], actors: ['kubectl-edit'] },
      'Route/search': { changes: ['add /metadata/labels/owner "oncall"'], actors: ['kubectl-label'] },
      'Route/catalog': { changes: ['add /spec/sessionAffinity "Cookie"'], actors: ['unknown'] },
      // A person scaling under the HPA is still a person.
      'Deployment/api': { changes: ['replace /spec/replicas 7'], actors: ['kubectl'] },
      // The pull policy was defaulted from the image Git applied, not from :latest.
      'StatefulSet/cache': { changes: ['replace /spec/template/spec/containers/0/image "redis:latest"'], actors: ['unknown'] },
    });
  });

  it('an HPA scaling again hands replicas back to the HPA rule', async () => {
    await scaleAsTheHpaController('api', 5);
    const report = await scan('--git-manager', 'kubectl');
    expect(result(report, 'Deployment', 'api').status).toBe('InSync');
  });
});
