import { describe, expect, it } from '@jest/globals';
import type { ClusterConnection } from '../../../src/cluster/index.js';
import { requestFailure, responseFailure } from '../../../src/cluster/request-failure.js';

const connection: ClusterConnection = {
  server: 'https://k8s.example:6443',
  namespace: 'shop',
  context: 'prod',
  source: 'kubeconfig /tmp/config',
  requestTimeoutMs: 30_000,
};

describe('request failure messages', () => {
  it('takes the socket error out of undici\'s "fetch failed", also when it is an AggregateError per address', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const aggregate = Object.assign(new AggregateError([refused('::1:6443'), refused('127.0.0.1:6443')], ''), { code: 'ECONNREFUSED' });
    const error = requestFailure(connection, 'list pods in namespace shop', new TypeError('fetch failed', { cause: aggregate }));
    expect(error.message).toBe(
      'cannot reach the Kubernetes API server at https://k8s.example:6443 to list pods in namespace shop: connect ECONNREFUSED ::1:6443',
    );
    expect(error).toMatchObject({ code: 'ECONNREFUSED', disposition: 'retry' });
  });

  it('classifies an untrusted certificate as stall', () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const error = requestFailure(connection, 'discover the API (GET /api)', new TypeError('fetch failed', { cause: tls }));
    expect(error.message).toBe(
      'cannot reach the Kubernetes API server at https://k8s.example:6443 to discover the API (GET /api): self-signed certificate',
    );
    expect(error.disposition).toBe('stall');
  });

  it('names the time limit of a timeout', () => {
    const error = requestFailure(connection, 'list pods in namespace shop', new Error('aborted'), 30_000);
    expect(error.message).toBe(
      'the Kubernetes API server at https://k8s.example:6443 did not answer within 30 s when trying to list pods in namespace shop',
    );
    expect(error).toMatchObject({ code: 'TimeoutError', disposition: 'retry' });
  });

  it('keeps a long server message to one shortened line', () => {
    const error = responseFailure(connection, 'list pods in namespace shop', 429, JSON.stringify({ kind: 'Status', message: `too\nmany ${'x'.repeat(400)}` }));
    expect(error.message).toMatch(/^cannot list pods in namespace shop at https:\/\/k8s\.example:6443: 429 Too Many Requests: too many x+\.\.\.$/);
    expect(error.message.length).toBeLessThan(420);
    expect(error).toMatchObject({ status: 429, disposition: 'retry' });
  });
});
