/**
 * What the real-server harness promises the other suites: authentication is real (no anonymous
 * admin), RBAC decides what a ServiceAccount token may do, TokenRequest mints working tokens,
 * and close() leaves no process or file behind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';

describe('the real API server harness', () => {
  let server: RealApiServer;
  beforeAll(async () => {
    server = await startRealApiServer();
    process.stderr.write(`real-server tier: kube-apiserver ${server.version}\n`);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);
  afterAll(async () => server?.close());

  it('serves kubectl as the admin and refuses a request without credentials', async () => {
    const run = await server.kubectl(['get', 'namespaces', '-o', 'name']);
    expect(run.stdout).toContain('namespace/default');
    expect((await server.request('GET', '/api/v1/namespaces', { token: 'not-a-token' })).status).toBe(401);
  });

  it("a ServiceAccount token from TokenRequest authenticates, and RBAC bounds what it may do", async () => {
    await server.kubectl(['create', 'namespace', 'harness']);
    await server.kubectl(['create', 'serviceaccount', 'reader', '-n', 'harness']);
    const token = await server.serviceAccountToken('harness', 'reader');
    const whoami = await server.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      token,
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    expect(whoami.json<{ status: { userInfo: { username: string } } }>().status.userInfo.username).toBe('system:serviceaccount:harness:reader');
    expect((await server.request('GET', '/api/v1/namespaces/harness/configmaps', { token })).status).toBe(403);

    await server.kubectl(['create', 'role', 'read-config', '-n', 'harness', '--verb=list', '--resource=configmaps']);
    await server.kubectl(['create', 'rolebinding', 'read-config', '-n', 'harness', '--role=read-config', '--serviceaccount=harness:reader']);
    expect((await server.request('GET', '/api/v1/namespaces/harness/configmaps', { token })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/namespaces/default/configmaps', { token })).status).toBe(403);
  });

  it('close() stops both processes and removes their data', async () => {
    const other = await startRealApiServer();
    const { dir, url } = other;
    await other.close();
    expect(existsSync(dir)).toBe(false);
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();
  }, REAL_SERVER_HOOK_TIMEOUT_MS);
});
