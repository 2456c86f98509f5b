import { DriftbackError } from '../../model/index.js';
import { dispositionOfHttpStatus, type CodifyDisposition } from '../disposition.js';
import { PullRequestExistsError, type ClosedPullRequest, type PullRequest, type PullRequestDraft, type PullRequestPlatform } from '../platform.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './create-octokit.js';

export interface GitHubPlatformOptions extends GitHubClientOptions {
  /** `owner/name` */
  repository: string;
}

/** A GitHub API failure, classified for the operator by its status. */
export class GitHubError extends DriftbackError {
  override name = 'GitHubError';
  readonly stage = 'codify' as const;
  readonly conditionReason = 'PullRequestFailed';
  readonly disposition: CodifyDisposition;
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.disposition = dispositionOfHttpStatus(status, message);
  }
}

interface PullPayload {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  head: { ref: string; repo?: { full_name: string } | null };
  base: { ref: string };
}

function toPullRequest(pull: PullPayload): PullRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    head: pull.head.ref,
    base: pull.base.ref,
  };
}

/** Octokit's RequestError, read by shape: @octokit/request-error is not a direct dependency. */
interface RequestFailure {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

function isRequestFailure(error: unknown): error is RequestFailure {
  return error instanceof Error && typeof (error as Partial<RequestFailure>).status === 'number';
}

/** The reset time of an exhausted rate limit (429, or 403 with no requests remaining). */
function rateLimitedUntil(error: unknown): string | undefined {
  if (!isRequestFailure(error) || (error.status !== 429 && error.status !== 403)) return undefined;
  const headers = error.response?.headers ?? {};
  const reset = Number(headers['x-ratelimit-reset']);
  if (error.status === 403 && headers['x-ratelimit-remaining'] !== '0' && headers['retry-after'] === undefined) return undefined;
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000).toISOString();
  const after = Number(headers['retry-after']);
  return Number.isFinite(after) ? new Date(Date.now() + after * 1000).toISOString() : undefined;
}

function isAlreadyExists(error: unknown): boolean {
  if (!isRequestFailure(error) || error.status !== 422) return false;
  return /already exists/i.test(JSON.stringify(error.response?.data ?? error.message));
}

export class GitHubPlatform implements PullRequestPlatform {
  readonly description: string;
  /** owner/name. */
  readonly repository: string;
  private readonly owner: string;
  private readonly repo: string;
  private readonly client: GitHubClient;

  constructor(private readonly options: GitHubPlatformOptions) {
    const [owner, repo, ...rest] = options.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
      throw new Error(`GitHub repository must be owner/name, got ${JSON.stringify(options.repository)}`);
    }
    this.owner = owner;
    this.repo = repo;
    this.repository = options.repository;
    this.client = createGitHubClient(options);
    const host = new URL(options.apiUrl ?? 'https://api.github.com').host.replace(/^api\./, '');
    this.description = `${host}/${options.repository}`;
  }

  /** Every call goes through here so a failure names the repository and the step, never a token. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof PullRequestExistsError) throw error;
      const status = isRequestFailure(error) ? error.status : undefined;
      const detail = error instanceof Error ? error.message : String(error);
      const limited = rateLimitedUntil(error);
      throw new GitHubError(`GitHub ${what} on ${this.description} failed${status ? ` (${status})` : ''}: ${detail}${limited ? `; rate limited until ${limited}, deferred` : ''}`, status);
    }
  }

  private get repoParams(): { owner: string; repo: string } {
    return { owner: this.owner, repo: this.repo };
  }

  /** A token git can push with: the configured one, or a fresh GitHub App installation token. */
  async gitToken(): Promise<string> {
    if ('token' in this.options.auth) return this.options.auth.token;
    const auth = (await this.client.auth({ type: 'installation' })) as { token: string };
    return auth.token;
  }

  async getDefaultBranch(): Promise<string> {
    const { data } = await this.call('reading the repository', () => this.client.rest.repos.get(this.repoParams));
    return data.default_branch;
  }

  async findOpenPullRequest(head: string): Promise<PullRequest | undefined> {
    const { data } = await this.call('finding the pull request', () =>
      this.client.rest.pulls.list({ ...this.repoParams, state: 'open', head: `${this.owner}:${head}` }),
    );
    const pull = data.find((candidate) => candidate.head.ref === head);
    return pull && toPullRequest(pull);
  }

  async findClosedPullRequest(head: string): Promise<ClosedPullRequest | undefined> {
    const { data } = await this.call('finding a closed pull request', () =>
      this.client.rest.pulls.list({ ...this.repoParams, state: 'closed', head: `${this.owner}:${head}`, sort: 'updated', direction: 'desc', per_page: 10 }),
    );
    const pull = data.find((candidate) => candidate.head.ref === head);
    return pull && { ...toPullRequest(pull), merged: pull.merged_at !== null && pull.merged_at !== undefined };
  }

  async listOpenPullRequests(prefix: string): Promise<PullRequest[]> {
    const pulls = await this.call('listing pull requests', () =>
      this.client.paginate(this.client.rest.pulls.list, { ...this.repoParams, state: 'open', per_page: 100 }),
    );
    const fullName = `${this.owner}/${this.repo}`.toLowerCase();
    return pulls
      .filter((pull) => pull.head.ref.startsWith(prefix) && pull.head.repo?.full_name.toLowerCase() === fullName)
      .map(toPullRequest);
  }

  async createPullRequest(draft: PullRequestDraft): Promise<PullRequest> {
    const { data } = await this.call('creating a pull request', async () => {
      try {
        return await this.client.rest.pulls.create({ ...this.repoParams, ...draft });
      } catch (error) {
        if (isAlreadyExists(error)) throw new PullRequestExistsError(draft.head);
        throw error;
      }
    });
    return toPullRequest(data);
  }

  async updatePullRequest(number: number, change: { title: string; body: string }): Promise<PullRequest> {
    const { data } = await this.call(`updating pull request #${number}`, () =>
      this.client.rest.pulls.update({ ...this.repoParams, pull_number: number, ...change }),
    );
    return toPullRequest(data);
  }

  async addLabels(number: number, labels: string[]): Promise<void> {
    await this.call(`labelling pull request #${number}`, () =>
      this.client.rest.issues.addLabels({ ...this.repoParams, issue_number: number, labels }),
    );
  }

  /** `org/team` entries are team reviewers, the rest users. */
  async requestReviewers(number: number, reviewers: string[]): Promise<void> {
    const teams = reviewers.filter((reviewer) => reviewer.includes('/')).map((team) => team.split('/').pop() ?? team);
    const users = reviewers.filter((reviewer) => !reviewer.includes('/'));
    await this.call(`requesting reviewers on pull request #${number}`, () =>
      this.client.rest.pulls.requestReviewers({
        ...this.repoParams,
        pull_number: number,
        reviewers: users,
        team_reviewers: teams,
      }),
    );
  }

  async addAssignees(number: number, assignees: string[]): Promise<void> {
    await this.call(`assigning pull request #${number}`, () =>
      this.client.rest.issues.addAssignees({ ...this.repoParams, issue_number: number, assignees }),
    );
  }

  async listComments(number: number): Promise<string[]> {
    const comments = await this.call(`reading comments of pull request #${number}`, () =>
      this.client.paginate(this.client.rest.issues.listComments, { ...this.repoParams, issue_number: number, per_page: 100 }),
    );
    return comments.map((comment) => comment.body ?? '');
  }

  async comment(number: number, body: string): Promise<void> {
    await this.call(`commenting on pull request #${number}`, () =>
      this.client.rest.issues.createComment({ ...this.repoParams, issue_number: number, body }),
    );
  }

  async closePullRequest(number: number): Promise<void> {
    await this.call(`closing pull request #${number}`, () =>
      this.client.rest.pulls.update({ ...this.repoParams, pull_number: number, state: 'closed' }),
    );
  }
}
