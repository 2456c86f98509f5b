import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface Probes {
  /** The process is alive and its loops are turning. */
  healthy(): boolean;
  /** Informers have synced and are fresh, and this replica can act (or is a standby). */
  ready(): { ready: boolean; reason: string };
}

/** Serves /metrics, or /healthz and /readyz; both on one server when the ports are equal. */
export async function serveEndpoints(
  port: number,
  handlers: { metrics?: Registry; probes?: Probes },
  host = '0.0.0.0',
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics' && handlers.metrics) {
      handlers.metrics
        .metrics()
        .then((text) => response.writeHead(200, { 'content-type': handlers.metrics!.contentType }).end(text))
        .catch((error: Error) => response.writeHead(500).end(error.message));
      return;
    }
    if (path === '/healthz' && handlers.probes) {
      const ok = handlers.probes.healthy();
      response.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'unhealthy\n');
      return;
    }
    if (path === '/readyz' && handlers.probes) {
      const { ready, reason } = handlers.probes.ready();
      response.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(`${reason}\n`);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
