import { IsomorphicFetchHttpLibrary, type ResponseContext } from '@kubernetes/client-node';
import { ClusterError } from './cluster-error.js';
import { authenticatedGet, authenticatedRequest, type ClusterConnection, type RequestMethod } from './connect-cluster.js';
import { requestFailure, responseFailure } from './request-failure.js';

const http = new IsomorphicFetchHttpLibrary();

const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

export type Query = Record<string, string | number | boolean | undefined>;

export function apiUrl(connection: ClusterConnection, path: string, query: Query = {}): string {
  const url = new URL(connection.server + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

/**
 * Sends an authenticated GET and resolves with the response once its headers arrived (any
 * status). Network failures reject with a ClusterError; `signal` ends the request and the body.
 * A GET that fails on a pooled keep-alive socket the server already closed is sent once more on
 * a fresh one, as Go's net/http (and so kubectl) does for idempotent requests: otherwise a
 * restarted server reads as "other side closed" instead of what is actually wrong.
 */
export async function openGet(
  connection: ClusterConnection,
  path: string,
  query: Query,
  attempt: string,
  signal: AbortSignal,
  timeout?: AbortSignal,
): Promise<ResponseContext> {
  const url = apiUrl(connection, path, query);
  for (let tries = 1; ; tries++) {
    const request = await authenticatedGet(connection, url);
    request.setSignal(signal);
    try {
      return await http.send(request).toPromise();
    } catch (error) {
      const failure = requestFailure(connection, attempt, error, timeout?.aborted ? connection.requestTimeoutMs : undefined);
      if (tries === 1 && !signal.aborted && STALE_SOCKET_CODES.has(failure.code ?? '')) continue;
      throw failure;
    }
  }
}

/**
 * GETs JSON within the connection's request timeout (headers and body together); any non-2xx
 * answer, network failure or timeout becomes a ClusterError naming `attempt` and the server.
 */
export async function getJson(
  connection: ClusterConnection,
  path: string,
  attempt: string,
  options: { query?: Query; signal?: AbortSignal } = {},
): Promise<unknown> {
  const timeout = AbortSignal.timeout(connection.requestTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const response = await openGet(connection, path, options.query ?? {}, attempt, signal, timeout);
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw requestFailure(connection, attempt, error, timeout.aborted ? connection.requestTimeoutMs : undefined);
  }
  if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
    throw responseFailure(connection, attempt, response.httpStatusCode, text);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ClusterError(`cannot ${attempt} at ${connection.server}: the answer is not JSON`, {
      disposition: 'retry',
      cause: error,
    });
  }
}

export interface SendOptions {
  /** What is attempted, for messages: `update the status of driftwatches.driftback.dev shop/web`. */
  attempt: string;
  /** Default `application/json`; `application/merge-patch+json` for a merge patch. */
  contentType?: string;
  query?: Query;
}

/**
 * Sends a JSON body with a write method and resolves with the parsed answer (undefined when it
 * has no body). Failures map to the same one-line ClusterErrors as reads. Writes are never sent
 * twice: unlike a GET, a POST that failed on a stale socket may have been applied.
 */
export async function sendJson(
  connection: ClusterConnection,
  method: Exclude<RequestMethod, 'GET'>,
  path: string,
  body: unknown,
  options: SendOptions,
): Promise<unknown> {
  const { attempt } = options;
  const timeout = AbortSignal.timeout(connection.requestTimeoutMs);
  const request = await authenticatedRequest(connection, method, apiUrl(connection, path, options.query ?? {}));
  request.setSignal(timeout);
  if (body !== undefined) {
    request.setHeaderParam('Content-Type', options.contentType ?? 'application/json');
    request.setBody(JSON.stringify(body));
  }
  let status: number;
  let text: string;
  try {
    const response = await http.send(request).toPromise();
    status = response.httpStatusCode;
    text = await response.body.text();
  } catch (error) {
    throw requestFailure(connection, attempt, error, timeout.aborted ? connection.requestTimeoutMs : undefined);
  }
  if (status < 200 || status > 299) throw responseFailure(connection, attempt, status, text);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ClusterError(`cannot ${attempt} at ${connection.server}: the answer is not JSON`, { disposition: 'retry', cause: error });
  }
}
