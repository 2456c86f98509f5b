import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the GitHub REST API over real HTTP, for the endpoints driftback uses, with
 * payloads shaped like GitHub's. Any other call is recorded in `unexpected` and answered 501,
 * so a test sees it (Renovate's http-mock idea). Failures are injected with `fail()`.
 */
export interface RecordedRequest {
  method: string;
  /** Path below the API base, decoded, with the query string. */
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface InjectedFailure {
  method: string;
  /** Matched against the path without the query string. */
  path: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface StandInPull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  head: string;
  base: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  assignees: string[];
  comments: string[];
}

export interface StandInOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** `/api/v3` to serve like GitHub Enterprise Server. */
  basePath?: string;
  /** When set, any other Authorization is answered 401 Bad credentials. */
  token?: string;
  /** The installation token that POST /app/installations/:id/access_tokens hands out. */
  installationToken?: string;
}

type Json = Record<string, unknown>;

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export class GitHubStandIn {
  rateLimitRemaining = 5000;
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: RecordedRequest[] = [];
  readonly pulls: StandInPull[] = [];
  /** Git refs as `heads/main` -> sha, for the git/ref endpoints. */
  readonly refs = new Map<string, string>();
  private readonly failures: InjectedFailure[] = [];
  private readonly owner: string;
  private readonly repo: string;
  private readonly basePath: string;

  private constructor(
    private readonly server: Server,
    private readonly options: StandInOptions,
  ) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'infra';
    this.basePath = options.basePath ?? '';
  }

  static async start(options: StandInOptions = {}): Promise<GitHubStandIn> {
    const server = createServer();
    const standIn = new GitHubStandIn(server, options);
    server.on('request', (request, response) => void standIn.handle(request, response));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return standIn;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.basePath}`;
  }

  get repository(): string {
    return `${this.owner}/${this.repo}`;
  }

  fail(failure: InjectedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Requests that change something: anything but GET and HEAD. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD');
  }

  /** A pull request that exists before the test starts, as another run or a person left it. */
  seedPull(pull: Partial<StandInPull> & { head: string }): StandInPull {
    const seeded: StandInPull = {
      number: this.pulls.length + 1,
      state: 'open',
      title: 'seeded',
      body: '',
      base: this.options.defaultBranch ?? 'main',
      labels: [],
      reviewers: [],
      teamReviewers: [],
      assignees: [],
      comments: [],
      ...pull,
    };
    this.pulls.push(seeded);
    return seeded;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const raw = request.url ?? '/';
    const url = new URL(raw, 'http://standin');
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname.slice(this.basePath.length)) + url.search,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      authorization: request.headers.authorization,
    };
    this.requests.push(recorded);
    const reply = url.pathname.startsWith(this.basePath) ? this.route(recorded, url) : undefined;
    const answer = reply ?? this.unexpectedCall(recorded);
    // GitHub reports the rate-limit window on every response; injected failures may override it.
    this.rateLimitRemaining = Math.max(0, this.rateLimitRemaining - 1);
    const rateLimit = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(this.rateLimitRemaining) };
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...rateLimit, ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private unexpectedCall(recorded: RecordedRequest): Reply {
    this.unexpected.push(recorded);
    return new Reply(501, { message: `stand-in: unexpected ${recorded.method} ${recorded.path}` });
  }

  private injected(method: string, path: string): Reply | undefined {
    const index = this.failures.findIndex(
      (failure) =>
        failure.method === method && (typeof failure.path === 'string' ? failure.path === path : failure.path.test(path)),
    );
    const failure = this.failures[index];
    if (!failure) return undefined;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return new Reply(failure.status, failure.body ?? { message: `injected ${failure.status}` }, failure.headers);
  }

  private route(recorded: RecordedRequest, url: URL): Reply | undefined {
    const method = recorded.method;
    const path = decodeURIComponent(url.pathname.slice(this.basePath.length));
    const body = (recorded.body ?? {}) as Json;
    const injected = this.injected(method, path);
    if (injected) return injected;

    const token = method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path);
    if (token) {
      const expiresAt = new Date(Date.now() + 3600_000).toISOString();
      return new Reply(201, {
        token: this.options.installationToken ?? 'ghs_standin',
        expires_at: expiresAt,
        permissions: { contents: 'write', pull_requests: 'write', issues: 'write' },
        repository_selection: 'all',
      });
    }
    if (this.options.token && recorded.authorization !== `token ${this.options.token}`) {
      return new Reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }

    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!path.startsWith(prefix)) return undefined;
    const rest = path.slice(prefix.length);
    const number = Number(/^\/(?:pulls|issues)\/(\d+)/.exec(rest)?.[1]);
    const pull = this.pulls.find((candidate) => candidate.number === number);

    if (method === 'GET' && rest === '') return new Reply(200, this.repoPayload());
    if (method === 'GET' && rest === '/pulls') return this.listPulls(url);
    if (method === 'POST' && rest === '/pulls') return this.createPull(body);
    if (!Number.isNaN(number) && !pull) return new Reply(404, { message: 'Not Found', status: '404' });
    if (pull && method === 'GET' && rest === `/pulls/${number}`) return new Reply(200, this.pullPayload(pull));
    if (pull && method === 'PATCH' && rest === `/pulls/${number}`) {
      if (typeof body.title === 'string') pull.title = body.title;
      if (typeof body.body === 'string') pull.body = body.body;
      if (body.state === 'closed' || body.state === 'open') pull.state = body.state;
      return new Reply(200, this.pullPayload(pull));
    }
    if (pull && method === 'POST' && rest === `/issues/${number}/labels`) {
      pull.labels = [...new Set([...pull.labels, ...((body.labels as string[]) ?? [])])];
      return new Reply(200, pull.labels.map((name) => this.labelPayload(name)));
    }
    if (pull && method === 'POST' && rest === `/pulls/${number}/requested_reviewers`) {
      pull.reviewers.push(...((body.reviewers as string[]) ?? []));
      pull.teamReviewers.push(...((body.team_reviewers as string[]) ?? []));
      return new Reply(201, this.pullPayload(pull));
    }
    if (pull && method === 'POST' && rest === `/issues/${number}/assignees`) {
      pull.assignees.push(...((body.assignees as string[]) ?? []));
      return new Reply(201, this.issuePayload(pull));
    }
    if (pull && method === 'GET' && rest === `/issues/${number}/comments`) {
      return new Reply(200, pull.comments.map((comment, index) => this.commentPayload(pull, index, comment)));
    }
    if (pull && method === 'POST' && rest === `/issues/${number}/comments`) {
      pull.comments.push(String(body.body));
      return new Reply(201, this.commentPayload(pull, pull.comments.length - 1, String(body.body)));
    }
    const ref = /^\/git\/refs?\/(.+)$/.exec(rest)?.[1];
    if (ref && method === 'GET' && rest.startsWith('/git/ref/')) {
      const sha = this.refs.get(ref);
      return sha
        ? new Reply(200, { ref: `refs/${ref}`, node_id: 'REF_standin', url: `${this.url}${prefix}/git/refs/${ref}`, object: { sha, type: 'commit', url: `${this.url}${prefix}/git/commits/${sha}` } })
        : new Reply(404, { message: 'Not Found', status: '404' });
    }
    if (ref && method === 'DELETE' && rest.startsWith('/git/refs/')) {
      if (!this.refs.delete(ref)) return new Reply(422, { message: 'Reference does not exist', status: '422' });
      return new Reply(204, undefined);
    }
    return undefined;
  }

  private listPulls(url: URL): Reply {
    const state = url.searchParams.get('state') ?? 'open';
    const head = url.searchParams.get('head');
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const matching = this.pulls
      .filter((pull) => state === 'all' || pull.state === state)
      .filter((pull) => !head || `${this.owner}:${pull.head}` === head)
      .sort((a, b) => b.number - a.number);
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < matching.length) {
      const next = new URL(`${this.url}/repos/${this.owner}/${this.repo}/pulls`);
      url.searchParams.forEach((value, key) => next.searchParams.set(key, value));
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return new Reply(200, slice.map((pull) => this.pullPayload(pull)), headers);
  }

  private createPull(body: Json): Reply {
    const head = String(body.head);
    if (this.pulls.some((pull) => pull.state === 'open' && pull.head === head)) {
      return new Reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${head}.` }],
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '422',
      });
    }
    const pull = this.seedPull({ head, base: String(body.base), title: String(body.title), body: String(body.body ?? '') });
    return new Reply(201, this.pullPayload(pull));
  }

  private user(login: string, type = 'User'): Json {
    return { login, id: login.length * 1000, node_id: `U_${login}`, type, site_admin: false, html_url: `https://github.com/${login}` };
  }

  private repoPayload(): Json {
    const fullName = this.repository;
    return {
      id: 4242,
      node_id: 'R_standin',
      name: this.repo,
      full_name: fullName,
      private: true,
      owner: this.user(this.owner, 'Organization'),
      html_url: `https://github.com/${fullName}`,
      url: `${this.url}/repos/${fullName}`,
      default_branch: this.options.defaultBranch ?? 'main',
      visibility: 'private',
      archived: false,
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    };
  }

  private labelPayload(name: string): Json {
    return { id: name.length, node_id: `LA_${name}`, name, color: 'ededed', default: false, description: null };
  }

  private issuePayload(pull: StandInPull): Json {
    return {
      number: pull.number,
      title: pull.title,
      state: pull.state,
      html_url: `https://github.com/${this.repository}/pull/${pull.number}`,
      assignees: pull.assignees.map((login) => this.user(login)),
      labels: pull.labels.map((name) => this.labelPayload(name)),
      pull_request: { url: `${this.url}/repos/${this.repository}/pulls/${pull.number}` },
    };
  }

  private commentPayload(pull: StandInPull, index: number, body: string): Json {
    return {
      id: pull.number * 1000 + index,
      node_id: `IC_${pull.number}_${index}`,
      body,
      user: this.user('driftback[bot]', 'Bot'),
      html_url: `https://github.com/${this.repository}/pull/${pull.number}#issuecomment-${pull.number * 1000 + index}`,
      created_at: '2026-11-27T12:00:00Z',
      updated_at: '2026-11-27T12:00:00Z',
    };
  }

  private pullPayload(pull: StandInPull): Json {
    const repo = this.repoPayload();
    const branch = (ref: string) => ({ label: `${this.owner}:${ref}`, ref, sha: '0'.repeat(40), user: this.user(this.owner, 'Organization'), repo });
    return {
      url: `${this.url}/repos/${this.repository}/pulls/${pull.number}`,
      id: 900000 + pull.number,
      node_id: `PR_${pull.number}`,
      html_url: `https://github.com/${this.repository}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.user('driftback[bot]', 'Bot'),
      body: pull.body,
      labels: pull.labels.map((name) => this.labelPayload(name)),
      assignees: pull.assignees.map((login) => this.user(login)),
      requested_reviewers: pull.reviewers.map((login) => this.user(login)),
      requested_teams: pull.teamReviewers.map((slug) => ({ slug, name: slug })),
      head: branch(pull.head),
      base: branch(pull.base),
      draft: false,
      merged: false,
      created_at: '2026-11-27T12:00:00Z',
      updated_at: '2026-11-27T12:00:00Z',
      closed_at: pull.state === 'closed' ? '2026-11-27T12:00:00Z' : null,
      merged_at: null,
    };
  }
}
