import type { Disposition } from './cluster-error.js';

/** What is known about a failed HTTP exchange: the response status, or the network error code. */
export interface HttpFailure {
  status?: number;
  /** A Node/undici error code (`ECONNRESET`, `UND_ERR_SOCKET`, ...) or `TimeoutError`. */
  code?: string;
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'TimeoutError',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const TLS_CODE = /^(CERT_|ERR_TLS_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|ERR_SSL_)/;

/**
 * The one mapping from an HTTP outcome to a disposition, shared by every adapter and the
 * operator: retry what passes by itself (5xx, 429, 408, conflicts, expired lists, resets,
 * timeouts, a server that is restarting), stall what needs a person (401, 403, a request the
 * server calls invalid, a certificate it does not trust), wait for the rest (404: a CRD not yet
 * installed; a DNS name that does not resolve).
 */
export function classifyHttpFailure(failure: HttpFailure): Disposition {
  const { status, code } = failure;
  if (status !== undefined) {
    if (status === 401 || status === 403) return 'stall';
    if (status === 408 || status === 409 || status === 410 || status === 429 || status >= 500) return 'retry';
    if (status === 400 || status === 405 || status === 406 || status === 415 || status === 422) return 'stall';
    return 'wait';
  }
  if (code === undefined) return 'wait';
  if (TRANSIENT_CODES.has(code)) return 'retry';
  if (TLS_CODE.test(code)) return 'stall';
  return 'wait';
}
