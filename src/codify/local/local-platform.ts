import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PullRequestExistsError, type ClosedPullRequest, type PullRequest, type PullRequestDraft, type PullRequestPlatform } from '../platform.js';

/** One pull request as the local target keeps it in `pulls.json`. */
export interface LocalPullRequest extends PullRequest {
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  assignees: string[];
  comments: { body: string; createdAt: string }[];
  createdAt: string;
  updatedAt: string;
  /** The markdown file that shows this pull request. */
  file: string;
}

interface LocalState {
  nextNumber: number;
  pulls: LocalPullRequest[];
}

export interface LocalPlatformOptions {
  /** Where pulls.json and one `pr-<number>.md` per pull request are written. */
  directory: string;
  /** What getDefaultBranch() answers; default `main`. */
  defaultBranch?: string;
  now?: () => Date;
}

/**
 * The demo's pull-request target: no network, the branch lives in the demo's local repository
 * and each pull request is a markdown file beside a JSON state file.
 */
export class LocalPullRequestPlatform implements PullRequestPlatform {
  readonly description: string;
  private readonly now: () => Date;

  constructor(private readonly options: LocalPlatformOptions) {
    this.description = `local:${options.directory}`;
    this.now = options.now ?? (() => new Date());
  }

  private get statePath(): string {
    return join(this.options.directory, 'pulls.json');
  }

  async readState(): Promise<LocalState> {
    try {
      return JSON.parse(await readFile(this.statePath, 'utf8')) as LocalState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { nextNumber: 1, pulls: [] };
      throw error;
    }
  }

  private async writeState(state: LocalState, changed: LocalPullRequest): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    await writeAtomically(this.statePath, `${JSON.stringify(state, null, 2)}\n`);
    await writeAtomically(changed.file, renderMarkdown(changed));
  }

  private async change(number: number, apply: (pr: LocalPullRequest) => void): Promise<LocalPullRequest> {
    const state = await this.readState();
    const pr = state.pulls.find((candidate) => candidate.number === number);
    if (!pr) throw new Error(`${this.description}: no pull request #${number}`);
    apply(pr);
    pr.updatedAt = this.now().toISOString();
    await this.writeState(state, pr);
    return pr;
  }

  async getDefaultBranch(): Promise<string> {
    return this.options.defaultBranch ?? 'main';
  }

  async findOpenPullRequest(head: string): Promise<PullRequest | undefined> {
    const state = await this.readState();
    return state.pulls.find((pr) => pr.state === 'open' && pr.head === head);
  }

  /** The local target has no merge: a pull request there is only ever closed. */
  async findClosedPullRequest(head: string): Promise<ClosedPullRequest | undefined> {
    const state = await this.readState();
    const closed = state.pulls.filter((pr) => pr.state === 'closed' && pr.head === head).at(-1);
    return closed && { ...closed, merged: false };
  }

  async listOpenPullRequests(prefix: string): Promise<PullRequest[]> {
    const state = await this.readState();
    return state.pulls.filter((pr) => pr.state === 'open' && pr.head.startsWith(prefix));
  }

  async createPullRequest(draft: PullRequestDraft): Promise<PullRequest> {
    const state = await this.readState();
    if (state.pulls.some((pr) => pr.state === 'open' && pr.head === draft.head)) {
      throw new PullRequestExistsError(draft.head);
    }
    const number = state.nextNumber;
    const file = join(this.options.directory, `pr-${number}.md`);
    const time = this.now().toISOString();
    const pr: LocalPullRequest = {
      ...draft,
      number,
      url: pathToFileURL(file).toString(),
      state: 'open',
      labels: [],
      reviewers: [],
      assignees: [],
      comments: [],
      createdAt: time,
      updatedAt: time,
      file,
    };
    state.nextNumber = number + 1;
    state.pulls.push(pr);
    await this.writeState(state, pr);
    return pr;
  }

  async updatePullRequest(number: number, change: { title: string; body: string }): Promise<PullRequest> {
    return this.change(number, (pr) => Object.assign(pr, change));
  }

  async addLabels(number: number, labels: string[]): Promise<void> {
    await this.change(number, (pr) => {
      pr.labels = [...new Set([...pr.labels, ...labels])];
    });
  }

  async requestReviewers(number: number, reviewers: string[]): Promise<void> {
    await this.change(number, (pr) => {
      pr.reviewers = [...new Set([...pr.reviewers, ...reviewers])];
    });
  }

  async addAssignees(number: number, assignees: string[]): Promise<void> {
    await this.change(number, (pr) => {
      pr.assignees = [...new Set([...pr.assignees, ...assignees])];
    });
  }

  async listComments(number: number): Promise<string[]> {
    const state = await this.readState();
    return state.pulls.find((pr) => pr.number === number)?.comments.map((comment) => comment.body) ?? [];
  }

  async comment(number: number, body: string): Promise<void> {
    await this.change(number, (pr) => {
      pr.comments.push({ body, createdAt: this.now().toISOString() });
    });
  }

  async closePullRequest(number: number): Promise<void> {
    await this.change(number, (pr) => {
      pr.state = 'closed';
    });
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

function renderMarkdown(pr: LocalPullRequest): string {
  const meta = [
    `#${pr.number} · ${pr.state} · \`${pr.head}\` -> \`${pr.base}\``,
    pr.labels.length ? `labels: ${pr.labels.join(', ')}` : '',
    pr.reviewers.length ? `reviewers: ${pr.reviewers.join(', ')}` : '',
    pr.assignees.length ? `assignees: ${pr.assignees.join(', ')}` : '',
  ].filter(Boolean);
  const comments = pr.comments.map((comment) => `---\n\n**comment** (${comment.createdAt})\n\n${comment.body}\n`);
  return [`# ${pr.title}`, '', meta.join(' · '), '', pr.body, ...comments].join('\n');
}
