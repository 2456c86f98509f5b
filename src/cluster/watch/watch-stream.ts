import { openGet } from '../api-request.js';
import { ClusterError } from '../cluster-error.js';
import type { ClusterConnection } from '../connect-cluster.js';
import { resourcePath } from '../list-resource.js';
import { requestFailure, responseFailure } from '../request-failure.js';
import type { ResourceInfo } from '../resource-catalog.js';

export interface RawWatchEvent {
  type: string;
  object: unknown;
}

export interface WatchStreamRequest {
  namespace?: string;
  labelSelector?: string;
  resourceVersion: string;
  timeoutSeconds: number;
  stallTimeoutMs: number;
  attempt: string;
  signal: AbortSignal;
  onEvent(event: RawWatchEvent): void;
}

/** No event, bookmark or byte arrived within the stall timeout. */
export class WatchStalledError extends ClusterError {}

/** How a watch stream ended without failing: closed by the server, or 410 (history compacted). */
export type StreamEnd = { kind: 'closed'; events: number } | { kind: 'gone' };

/**
 * One watch request, streamed line by line. Until the headers arrive the connection's request
 * timeout applies; after that the stall timeout does, reset by every chunk (events and
 * bookmarks alike), because a half-open connection otherwise waits forever. Failures throw
 * ClusterError; an abort of `signal` rejects with whatever the abort produced.
 */
export async function streamWatch(connection: ClusterConnection, info: ResourceInfo, request: WatchStreamRequest): Promise<StreamEnd> {
  const local = new AbortController();
  const signal = AbortSignal.any([request.signal, local.signal]);
  const connectTimeout = AbortSignal.timeout(connection.requestTimeoutMs);
  const onConnectTimeout = (): void => local.abort(connectTimeout.reason);
  connectTimeout.addEventListener('abort', onConnectTimeout, { once: true });
  const query = {
    watch: 1,
    resourceVersion: request.resourceVersion,
    allowWatchBookmarks: true,
    timeoutSeconds: request.timeoutSeconds,
    labelSelector: request.labelSelector,
  };
  let response;
  try {
    response = await openGet(connection, resourcePath(info, request.namespace), query, request.attempt, signal, connectTimeout);
  } finally {
    connectTimeout.removeEventListener('abort', onConnectTimeout);
  }
  if (response.httpStatusCode !== 200) {
    const body = await response.body.text().catch(() => '');
    if (response.httpStatusCode === 410) return { kind: 'gone' };
    throw responseFailure(connection, request.attempt, response.httpStatusCode, body);
  }
  const stream = response.body.stream();
  if (!stream) return { kind: 'closed', events: 0 };

  let stalled = false;
  let stallTimer: NodeJS.Timeout | undefined;
  const armStallTimer = (): void => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      stalled = true;
      local.abort();
    }, request.stallTimeoutMs);
  };
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let events = 0;
  try {
    armStallTimer();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      armStallTimer();
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line === '') continue;
        const event = parseEvent(line);
        if (event.type === 'ERROR') {
          const status = statusCode(event.object);
          if (status === 410) return { kind: 'gone' };
          throw responseFailure(connection, request.attempt, status ?? 500, JSON.stringify(event.object));
        }
        events++;
        request.onEvent(event);
      }
    }
    return { kind: 'closed', events };
  } catch (error) {
    if (error instanceof ClusterError) throw error;
    if (stalled) {
      throw new WatchStalledError(
        `${request.attempt} at ${connection.server} stalled: no event or bookmark for ${request.stallTimeoutMs / 1000} s`,
        { disposition: 'retry', cause: error },
      );
    }
    if (request.signal.aborted) throw error;
    throw requestFailure(connection, request.attempt, error);
  } finally {
    clearTimeout(stallTimer);
    local.abort();
    reader.releaseLock();
  }
}

function parseEvent(line: string): RawWatchEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new ClusterError(`watch stream sent a line that is not JSON: ${line.slice(0, 80)}`, { disposition: 'retry', cause: error });
  }
  const event = parsed as Partial<RawWatchEvent>;
  if (typeof event.type !== 'string') {
    throw new ClusterError(`watch stream sent an event without a type: ${line.slice(0, 80)}`, { disposition: 'retry' });
  }
  return { type: event.type, object: event.object };
}

function statusCode(object: unknown): number | undefined {
  const code = (object as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}
