import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRealApiServer, type RealApiServer } from '../support/real-api-server.js';

describe('the real API server harness', () => {
  let server: RealApiServer;
  beforeAll(async () => {
    server = await startRealApiServer();
  }, 120_000);
  afterAll(async () => server?.close());

  it('serves kubectl as an admin', async () => {
    const run = await server.kubectl(['get', 'namespaces', '-o', 'name']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('namespace/default');
    process.stderr.write(`server ${server.version}\n`);
  });
});
