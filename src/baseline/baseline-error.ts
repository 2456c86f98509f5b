import { DriftbackError, type Disposition } from '../model/index.js';

export const BASELINE_ERROR_KINDS = ['clone', 'auth', 'revision', 'path'] as const;
/**
 * `clone`: the repository could not be read (unreachable, nonexistent); `auth`: the server refused
 * the credentials; `revision`: the repository has no such branch, tag or commit; `path`: a `--path`
 * escapes the repository or does not exist at the revision.
 */
export type BaselineErrorKind = (typeof BASELINE_ERROR_KINDS)[number];

export interface BaselineErrorDetails {
  kind: BaselineErrorKind;
  /** The repository as shown to people: credentials already stripped. */
  repo: string;
  revision?: string;
  path?: string;
  reason: string;
}

const DISPOSITION: Record<BaselineErrorKind, Disposition> = { clone: 'retry', auth: 'stall', revision: 'wait', path: 'wait' };

/** A baseline that cannot be read at all; its message is one line and never holds a credential. */
export class BaselineError extends DriftbackError {
  override name = 'BaselineError';
  readonly stage = 'baseline' as const;
  readonly conditionReason = 'BaselineFailed';
  readonly kind: BaselineErrorKind;
  readonly repo: string;
  readonly revision?: string;
  readonly path?: string;
  readonly reason: string;

  constructor(details: BaselineErrorDetails, options?: { cause?: unknown }) {
    super(describe(details), options);
    this.kind = details.kind;
    this.repo = details.repo;
    this.revision = details.revision;
    this.path = details.path;
    this.reason = details.reason;
  }

  get disposition(): Disposition {
    return DISPOSITION[this.kind];
  }
}

function describe({ kind, repo, revision, path, reason }: BaselineErrorDetails): string {
  const at = revision ? ` at ${revision}` : '';
  switch (kind) {
    case 'clone':
      return `cannot clone ${repo}${at}: ${reason}`;
    case 'auth':
      return `cannot clone ${repo}${at}: access denied: ${reason}`;
    case 'revision':
      return revision ? `revision '${revision}' not found in ${repo}: ${reason}` : `${repo} has no default branch: ${reason}`;
    case 'path':
      return `path '${path ?? ''}' in ${repo}${at}: ${reason}`;
  }
}
