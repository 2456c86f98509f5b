import type { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { RequestContext as Request, HttpMethod } from '@kubernetes/client-node';
import { ClusterError } from './cluster-error.js';
import { messageOf } from './error-message.js';
import { loadKubeconfig, type KubeconfigOptions } from './load-kubeconfig.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A selected cluster and identity. Requests go through the functions of this folder. */
export interface ClusterConnection {
  /** The API server URL, for messages. */
  readonly server: string;
  /** The context's namespace, else `default` (in-cluster: the service account's namespace). */
  readonly namespace: string;
  readonly context: string;
  /** The kubeconfig user name, when the context names one. */
  readonly user?: string;
  /** Where the configuration came from: `kubeconfig <file>` or `in-cluster service account`. */
  readonly source: string;
  /** Applies to every request that is not a watch stream. */
  readonly requestTimeoutMs: number;
}

export interface ConnectOptions extends KubeconfigOptions {
  requestTimeoutMs?: number;
}

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

interface Transport {
  kubeConfig: KubeConfig;
  dispatcher: Dispatcher;
}

const transports = new WeakMap<ClusterConnection, Transport>();

/**
 * Loads the kubeconfig and prepares authentication once, so that a broken credential setup
 * (a missing client certificate file, a failing exec plugin) is reported here, naming the
 * context, before any request is made. No request is sent to the server.
 */
export async function connectCluster(options: ConnectOptions = {}): Promise<ClusterConnection> {
  const loaded = loadKubeconfig(options);
  const probe = new Request(loaded.cluster.server, HttpMethod.GET);
  try {
    await loaded.kubeConfig.applySecurityAuthentication(probe);
  } catch (error) {
    const reason = messageOf(error);
    throw new ClusterError(`cannot prepare the credentials of context "${loaded.context}" (${loaded.source}): ${reason}`, {
      disposition: 'stall',
      cause: error,
    });
  }
  const connection: ClusterConnection = {
    server: loaded.cluster.server.replace(/\/+$/, ''),
    namespace: loaded.namespace,
    context: loaded.context,
    ...(loaded.user ? { user: loaded.user.name } : {}),
    source: loaded.source,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  transports.set(connection, { kubeConfig: loaded.kubeConfig, dispatcher: probe.getDispatcher() });
  return connection;
}

/** The methods driftback sends: reads, and the few writes the operator makes. */
export type RequestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Builds an authenticated request. Credentials are applied per request (exec plugins and token
 * files refresh), but the dispatcher is the one made at connect time: client-node 2.0.1's
 * applySecurityAuthentication builds a new undici Agent on every call (its agent cache serves
 * only the WebSocket path), which would open a new TLS connection per request.
 */
export async function authenticatedRequest(connection: ClusterConnection, method: RequestMethod, url: string): Promise<RequestContext> {
  const transport = transports.get(connection);
  if (!transport) throw new Error('ClusterConnection was not made by connectCluster');
  const request = new Request(url, HttpMethod[method]);
  await transport.kubeConfig.applySecurityAuthentication(request);
  if (transport.dispatcher) request.setDispatcher(transport.dispatcher);
  request.setHeaderParam('Accept', 'application/json');
  return request;
}

export function authenticatedGet(connection: ClusterConnection, url: string): Promise<RequestContext> {
  return authenticatedRequest(connection, 'GET', url);
}
