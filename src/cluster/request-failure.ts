import { STATUS_CODES } from 'node:http';
import { classifyHttpFailure } from './classify-failure.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterConnection } from './connect-cluster.js';

const MAX_SERVER_MESSAGE = 300;

/** A non-2xx answer, as one line: what was attempted, the server, the status and its message. */
export function responseFailure(connection: ClusterConnection, attempt: string, status: number, body: string): ClusterError {
  const detail = serverMessage(body);
  const statusText = `${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
  const disposition = classifyHttpFailure({ status });
  let message: string;
  if (status === 401) {
    message = `the Kubernetes API server at ${connection.server} rejected the credentials of context "${connection.context}" (${statusText}) when trying to ${attempt}`;
  } else if (status === 403) {
    message = `forbidden: cannot ${attempt} at ${connection.server} (403)${detail ? `: ${detail}` : ''}`;
  } else {
    message = `cannot ${attempt} at ${connection.server}: ${statusText}${detail ? `: ${detail}` : ''}`;
  }
  return new ClusterError(message, { disposition, status });
}

/** A request that got no answer: refused, reset, unresolvable, or over its time limit. */
export function requestFailure(
  connection: ClusterConnection,
  attempt: string,
  error: unknown,
  timeoutMs?: number,
): ClusterError {
  if (timeoutMs !== undefined) {
    return new ClusterError(
      `the Kubernetes API server at ${connection.server} did not answer within ${formatSeconds(timeoutMs)} when trying to ${attempt}`,
      { disposition: classifyHttpFailure({ code: 'TimeoutError' }), code: 'TimeoutError', cause: error },
    );
  }
  const { code, reason } = networkCause(error);
  return new ClusterError(`cannot reach the Kubernetes API server at ${connection.server} to ${attempt}: ${reason}`, {
    disposition: classifyHttpFailure(code === undefined ? {} : { code }),
    ...(code !== undefined ? { code } : {}),
    cause: error,
  });
}

/**
 * undici reports `TypeError: fetch failed` with the socket error (sometimes an AggregateError
 * of one per address) as its cause. Duck-typed: these errors may come from another realm
 * (jest's VM context), where `instanceof Error` is false.
 */
function networkCause(error: unknown): { code?: string; reason: string } {
  let current = asErrorLike(error);
  for (let depth = 0; depth < 5 && current; depth++) {
    const inner = asErrorLike(current.errors?.[0] ?? current.cause);
    if (typeof current.code === 'string') {
      return { code: current.code, reason: current.message || inner?.message || current.code };
    }
    if (!inner) return { reason: current.message ?? String(error) };
    current = inner;
  }
  return { reason: String(error) };
}

interface ErrorLike {
  message?: string;
  code?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

function serverMessage(body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
      text = (parsed as { message: string }).message;
    }
  } catch {
    // Not a Status object: a proxy's HTML or plain text; keep it, shortened to one line.
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SERVER_MESSAGE ? `${line.slice(0, MAX_SERVER_MESSAGE)}...` : line;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1).replace(/\.?0+$/, '')} s`;
}
