import { describe, expect, it } from '@jest/globals';
import { createMetrics } from '../../../src/controller/metrics.js';
import { serveEndpoints } from '../../../src/controller/http-endpoints.js';
import { createLogger } from '../../../src/controller/logger.js';
import { Writable } from 'node:stream';

describe('metrics and probes over HTTP', () => {
  it('serves driftback_ metrics and the probe states', async () => {
    const metrics = createMetrics();
    metrics.driftedObjects.set({ namespace: 'ops', driftwatch: 'shop', verdict: 'violating' }, 3);
    metrics.watchRestarts.inc({ resource: 'deployments.apps', reason: 'gone' });
    let ready = false;
    const server = await serveEndpoints(
      0,
      { metrics: metrics.registry, probes: { healthy: () => true, ready: () => ({ ready, reason: ready ? 'synced' : 'informers not synced' }) } },
      '127.0.0.1',
    );
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('driftback_drifted_objects{namespace="ops",driftwatch="shop",verdict="violating"} 3');
      expect(text).toContain('driftback_watch_restarts_total{resource="deployments.apps",reason="gone"} 1');
      for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^driftback_/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${base}/readyz`);
      expect([notReady.status, await notReady.text()]).toEqual([503, 'informers not synced\n']);
      ready = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('createLogger', () => {
  it('writes JSON lines with tokens redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger({ destination: sink });
    log.info({ github: { token: 'ghp_secret123' }, token: 'abc-secret' }, 'opened pull request');
    const record = JSON.parse(lines[0]!);
    expect(record.msg).toBe('opened pull request');
    expect(lines[0]).not.toContain('ghp_secret123');
    expect(lines[0]).not.toContain('abc-secret');
  });
});
