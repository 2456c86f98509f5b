import type { Disposition } from '../model/index.js';

/**
 * What the operator does about a codify failure, decided here where the failure enters (the
 * controller reads `error.disposition`, never HTTP codes or git's stderr): retry soon, wait for
 * the next interval, or stall until a person changes the spec or credentials.
 */
export type CodifyDisposition = Disposition;

export function dispositionOfHttpStatus(status: number | undefined, message: string): CodifyDisposition {
  if (/rate limit/i.test(message) || status === 429) return 'wait';
  if (status === undefined || status >= 500) return 'retry';
  if (status === 409 || status === 422) return 'wait';
  return 'stall';
}

export function dispositionOfGitFailure(stderr: string): CodifyDisposition {
  if (/authentication failed|could not read username|permission denied|\b40[13]\b|terminal prompts disabled/i.test(stderr)) {
    return 'stall';
  }
  if (/stale info|fetch first|non-fast-forward|remote branch .* not found|couldn't find remote ref/i.test(stderr)) return 'wait';
  if (/pre-receive hook declined|protected branch|rejected/i.test(stderr)) return 'stall';
  return 'retry';
}
