import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../../model/index.js';
import type { RequestRecord, StandInApiServer, StandInOptions } from './api-types.js';
import { Catalog } from './catalog.js';
import { directStore } from './direct-store.js';
import { ObjectStore } from './object-store.js';
import { ObjectWriter } from './object-writer.js';
import { routeRequest, type PendingFailures } from './router.js';
import { WatchHub } from './watch.js';

const DEFAULT_USER = 'system:serviceaccount:driftback-system:driftback';

/** A Kubernetes API server stand-in over plain HTTP, good enough for kubectl and client-node. */
export async function startStandInApiServer(options: StandInOptions = {}): Promise<StandInApiServer> {
  const host = options.host ?? '127.0.0.1';
  const catalog = new Catalog();
  const store = new ObjectStore(options.historyWindow ?? 1000);
  const writer = new ObjectWriter(catalog, store, options.defaulter);
  const watches = new WatchHub(store, options.bookmarkIntervalMs ?? 60_000);
  const direct = directStore(catalog, store, writer);
  for (const object of seedOrder(options.objects ?? [])) direct.put(object);

  const failures: PendingFailures = { remaining: 0, status: 500 };
  const requests: RequestRecord[] = [];
  let port = options.port ?? 0;
  const settings = {
    token: options.token,
    forbid: options.forbid ?? [],
    user: options.user ?? DEFAULT_USER,
    serverAddress: () => `${host}:${port}`,
  };
  const backend = { catalog, store, writer, watches };

  let server: Server | undefined;
  const listen = async (): Promise<void> => {
    const next = createServer((request, response) => void routeRequest(backend, settings, failures, requests, request, response));
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, host, () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = async (): Promise<void> => {
    const running = server;
    if (!running) return;
    server = undefined;
    watches.closeAll();
    const closed = new Promise<void>((resolve) => running.close(() => resolve()));
    running.closeAllConnections();
    await closed;
  };

  await listen();
  return {
    url: `http://${host}:${port}`,
    store: direct,
    requests,
    faults: {
      closeWatches: () => watches.closeAll(),
      compact: () => store.compact(),
      failNext: (count, status = 500) => Object.assign(failures, { remaining: count, status }),
      stallWatches: () => watches.stallAll(),
    },
    stop,
    restart: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}

/** Definitions first, then namespaces, so the objects that need them can be stored. */
function seedOrder(objects: KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject): number => (o.kind === 'CustomResourceDefinition' ? 0 : o.kind === 'Namespace' ? 1 : 2);
  return [...objects].sort((a, b) => rank(a) - rank(b));
}
