import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/model/index.js';
import { startStandInApiServer, type StandInApiServer } from '../../../src/standin/index.js';
import { patchCall } from '../../support/standin-client.js';
import { deployment, namespace, widgetDefinition } from '../../support/standin-fixtures.js';
import { Kubectl } from '../../support/standin-kubectl.js';

const API_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: nginx:1.27
`;

describe('kubectl as a real client of the stand-in API server', () => {
  let server: StandInApiServer;
  let kubectl: Kubectl;
  const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name });
  const managers = (object: KubeObject | undefined): string[] => (object?.metadata.managedFields ?? []).map((e) => e.manager ?? '');

  beforeEach(async () => {
    server = await startStandInApiServer({ objects: [namespace('shop'), deployment('shop', 'web')] });
    kubectl = await Kubectl.forServer(server, { namespace: 'shop' });
  });
  afterEach(async () => {
    await server.close();
    await kubectl.cleanup();
  });

  it('gets deployments as JSON and by short name', async () => {
    const result = await kubectl.run(['get', 'deploy', '-n', 'shop', '-o', 'json']);
    expect(result.stderr).toBe('');
    const list = JSON.parse(result.stdout) as { items: KubeObject[] };
    expect(list.items.map((i) => `${i.kind} ${i.metadata.name}`)).toEqual(['Deployment web']);
    const table = await kubectl.run(['get', 'deployments']);
    expect(table.stdout).toMatch(/^NAME\s+.*\nweb\s+/);
  });

  it('applies, re-applies, patches and labels with the field managers kubectl names', async () => {
    const file = join(kubectl.dir, 'api.yaml');
    await writeFile(file, API_MANIFEST);
    const created = await kubectl.run(['apply', '--validate=false', '-f', file]);
    expect(created.stdout.trim()).toBe('deployment.apps/api created');
    await writeFile(file, API_MANIFEST.replace('replicas: 1', 'replicas: 3'));
    const configured = await kubectl.run(['apply', '--validate=false', '-f', file]);
    expect(configured.stdout.trim()).toBe('deployment.apps/api configured');
    expect(server.store.get(ref('api'))).toMatchObject({ spec: { replicas: 3 } });
    expect(managers(server.store.get(ref('api')))).toEqual(['kubectl-client-side-apply']);

    expect((await kubectl.run(['patch', 'deploy', 'api', '--type', 'merge', '-p', '{"spec":{"replicas":5}}'])).code).toBe(0);
    expect((await kubectl.run(['label', 'deploy', 'api', 'team=payments'])).code).toBe(0);
    const live = server.store.get(ref('api'));
    expect(live).toMatchObject({ spec: { replicas: 5 }, metadata: { labels: { team: 'payments' } } });
    expect(managers(live)).toEqual(['kubectl-client-side-apply', 'kubectl-patch', 'kubectl-label']);
  });

  it('edits through an editor and records the change as kubectl-edit', async () => {
    const editor = join(kubectl.dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/replicas: 2/replicas: 9/" "$1"\n', { mode: 0o755 });
    const edited = await kubectl.run(['edit', '--validate=false', 'deploy', 'web'], { env: { KUBE_EDITOR: editor } });
    expect(edited.stderr).toBe('');
    expect(edited.stdout.trim()).toBe('deployment.apps/web edited');
    const live = server.store.get(ref('web'));
    expect(live).toMatchObject({ spec: { replicas: 9 } });
    expect(live?.metadata.managedFields?.find((e) => e.manager === 'kubectl-edit')?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('diffs with a dry-run patch that changes nothing', async () => {
    const file = join(kubectl.dir, 'api.yaml');
    await writeFile(file, API_MANIFEST);
    await kubectl.run(['apply', '--validate=false', '-f', file]);
    const before = server.store.resourceVersion;
    await writeFile(file, API_MANIFEST.replace('replicas: 1', 'replicas: 4'));
    const diff = await kubectl.run(['diff', '-f', file]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+  replicas: 4');
    expect(server.requests.some((r) => r.method === 'PATCH' && r.query.includes('dryRun=All'))).toBe(true);
    expect(server.store.resourceVersion).toBe(before);
  });

  it('server-side applies and reports a conflict with the hand edit', async () => {
    const file = join(kubectl.dir, 'api.yaml');
    await writeFile(file, API_MANIFEST);
    expect((await kubectl.run(['apply', '--server-side', '--validate=false', '-f', file])).stdout).toContain('serverside-applied');
    await patchCall(server.url, '/apis/apps/v1/namespaces/shop/deployments/api?fieldManager=kubectl-edit', 'application/merge-patch+json', { spec: { replicas: 7 } });
    await writeFile(file, API_MANIFEST.replace('replicas: 1', 'replicas: 2'));
    const conflict = await kubectl.run(['apply', '--server-side', '--validate=false', '-f', file]);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('conflict with "kubectl-edit"');
  });

  it('watches with get -w and sees a change made meanwhile', async () => {
    const watch = kubectl.stream(['get', 'deploy', '-w', '-o', 'jsonpath={.metadata.name}={.spec.replicas}{"\\n"}']);
    try {
      expect(await watch.nextLine()).toBe('web=2');
      await patchCall(server.url, '/apis/apps/v1/namespaces/shop/deployments/web', 'application/merge-patch+json', { spec: { replicas: 6 } });
      expect(await watch.nextLine()).toBe('web=6');
    } finally {
      watch.stop();
    }
  });

  it('prints a CRD\'s printer columns through server-side Tables, also while watching', async () => {
    const definition = widgetDefinition();
    const version = (definition.spec as { versions: Array<Record<string, unknown>> }).versions[0];
    if (version) {
      version.additionalPrinterColumns = [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ];
    }
    server.store.put(definition);
    server.store.put({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'shop' },
      spec: { size: 3 },
      status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True' }] },
    });
    const table = await kubectl.run(['get', 'widgets']);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+SIZE\s+AGE\nw\s+True\s+3\s+\d+s\n$/);
    const watch = kubectl.stream(['get', 'wg', '-w']);
    try {
      expect(await watch.nextLine()).toMatch(/^NAME\s+READY\s+SIZE\s+AGE$/);
      expect(await watch.nextLine()).toMatch(/^w\s+True\s+3\s+/);
      await patchCall(server.url, '/apis/example.com/v1/namespaces/shop/widgets/w', 'application/merge-patch+json', { spec: { size: 4 } });
      expect(await watch.nextLine()).toMatch(/^w\s+True\s+4\s+/);
    } finally {
      watch.stop();
    }
  });

  it('deletes', async () => {
    const deleted = await kubectl.run(['delete', 'deploy', 'web']);
    expect(deleted.stdout.trim()).toBe('deployment.apps "web" deleted');
    expect(server.store.get(ref('web'))).toBeUndefined();
  });

  it('shows the Forbidden message', async () => {
    await server.close();
    server = await startStandInApiServer({
      objects: [namespace('shop'), deployment('shop', 'web')],
      forbid: [{ verb: 'get', group: 'apps', resource: 'deployments' }],
    });
    await kubectl.cleanup();
    kubectl = await Kubectl.forServer(server, { namespace: 'shop' });
    const forbidden = await kubectl.run(['get', 'deploy', 'web']);
    expect(forbidden.stderr).toContain(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "system:serviceaccount:driftback-system:driftback" cannot get resource "deployments" in API group "apps" in the namespace "shop"',
    );
    expect((await kubectl.run(['get', 'deploy'])).stdout).toContain('web');
  });

  // kubectl (client-go) does not send a bearer token over plain http://, so only the refusal can be shown.
  it('shows the Unauthorized message', async () => {
    await server.close();
    server = await startStandInApiServer({ token: 't0ken' });
    await kubectl.cleanup();
    kubectl = await Kubectl.forServer(server, { token: 't0ken' });
    const refused = await kubectl.run(['get', 'ns']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('You must be logged in to the server');
  });
});
