/**
 * Where pull requests live. GitHub implements it over REST (src/codify/github), the demo with
 * files on disk (src/codify/local); ensureDriftPullRequests only sees this interface.
 */
export interface PullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
  /** The head branch name, without `refs/heads/`. */
  head: string;
  base: string;
}

export interface ClosedPullRequest extends PullRequest {
  merged: boolean;
}

export interface PullRequestDraft {
  head: string;
  base: string;
  title: string;
  body: string;
}

export interface PullRequestPlatform {
  /** Shown in messages: `github.com/acme/infra`, `local:/tmp/prs`. */
  readonly description: string;
  getDefaultBranch(): Promise<string>;
  /** A token for pushing over HTTPS when none is configured (a GitHub App installation token). */
  gitToken?(): Promise<string | undefined>;
  findOpenPullRequest(head: string): Promise<PullRequest | undefined>;
  /** The most recently closed (or merged) pull request with this head branch. */
  findClosedPullRequest(head: string): Promise<ClosedPullRequest | undefined>;
  /** Open pull requests whose head branch starts with `prefix`. */
  listOpenPullRequests(prefix: string): Promise<PullRequest[]>;
  /** Throws PullRequestExistsError when an open pull request already has this head. */
  createPullRequest(draft: PullRequestDraft): Promise<PullRequest>;
  updatePullRequest(number: number, change: { title: string; body: string }): Promise<PullRequest>;
  addLabels(number: number, labels: string[]): Promise<void>;
  requestReviewers(number: number, reviewers: string[]): Promise<void>;
  addAssignees(number: number, assignees: string[]): Promise<void>;
  listComments(number: number): Promise<string[]>;
  comment(number: number, body: string): Promise<void>;
  closePullRequest(number: number): Promise<void>;
}

/** GitHub's 422 "A pull request already exists": the caller finds that one and updates it. */
export class PullRequestExistsError extends Error {
  override name = 'PullRequestExistsError';
  constructor(
    readonly head: string,
    options?: ErrorOptions,
  ) {
    super(`a pull request already exists for ${head}`, options);
  }
}
