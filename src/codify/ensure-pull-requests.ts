import { createHash } from 'node:crypto';
import { describeRef, type DriftReport, type KubeObject, type Manifest } from '../model/index.js';
import { applyChangesToSource } from './edit/index.js';
import { fingerprintDrift } from './fingerprint.js';
import { DEFAULT_AUTHOR, SCOPE_TRAILER, type CommitInfo, type GitIdentity, type GitPort, type GitWorkspace } from './git-port.js';
import { BRANCH_PREFIX, groupDrift, type DriftGroup, type PrGrouping } from './group-drift.js';
import type { KustomizeRenderPort } from './kustomize/render-port.js';
import { planEdits, type EditPlan, type SourceEditor } from './plan-edits.js';
import { PullRequestExistsError, type PullRequest, type PullRequestPlatform } from './platform.js';
import { HUMAN_COMMIT_MARKER, readMarker, renderPullRequestBody } from './pr-body.js';

export interface PullRequestOptions {
  /** Where the branch is pushed: anything `git clone` accepts. */
  repo: string;
  /** HTTPS token for git; never printed. */
  token?: string;
  /** Default: the repository's default branch, as the platform reports it. */
  baseBranch?: string;
  prPer?: PrGrouping;
  labels?: string[];
  reviewers?: string[];
  assignees?: string[];
  codifyDeletions?: boolean;
  author?: GitIdentity;
  /** Who the pull requests belong to (the operator's DriftWatch, `namespace/name`): in branch names and the scope marker. */
  owner?: string;
}

export interface EnsurePullRequestsInput {
  report: DriftReport;
  /** The baseline manifests, with their source locations: the only files that may be written. */
  baseline: readonly Manifest[];
  /** Live objects by objectKey(ref). */
  live: ReadonlyMap<string, KubeObject>;
  options: PullRequestOptions;
  platform: PullRequestPlatform;
  git: GitPort;
  /** Default: applyChangesToSource from src/codify/edit. */
  editor?: SourceEditor;
  /** Proves edits of Kustomize overlays by rendering them; without it rendered objects are left out. */
  renderer?: KustomizeRenderPort;
  log?: (message: string) => void;
}

export const PULL_REQUEST_ACTIONS = ['created', 'updated', 'unchanged', 'closed', 'skipped-human-commit', 'declined'] as const;
export type PullRequestAction = (typeof PULL_REQUEST_ACTIONS)[number];

export interface PullRequestOutcome {
  branch: string;
  /** Absent only when a person's branch exists without an open pull request. */
  number?: number;
  url?: string;
  action: PullRequestAction;
}

const RESOLVED_MARKER = '<!-- driftback:closed-resolved -->';

const CLOSE_COMMENT = `${RESOLVED_MARKER}
No compliant drift is left for this pull request to codify (the cluster was reverted, or Git caught up), so driftback closes it and deletes its branch.`;

const HUMAN_COMMIT_COMMENT = `${HUMAN_COMMIT_MARKER}
Someone pushed to this branch, so driftback leaves it alone from now on: it will not force-push over those commits. Close this pull request (or delete the branch) to let driftback start over.`;

/** Which scan the pull requests belong to, so one run never closes another watch's pull requests. */
function scopeOf(report: DriftReport, owner: string | undefined): string {
  const paths = [...report.source.paths].sort();
  return createHash('sha256').update(JSON.stringify(owner ? [owner, ...paths] : paths)).digest('hex').slice(0, 16);
}

function hasDrift(group: DriftGroup, codifyDeletions: boolean): boolean {
  return group.results.some(
    (result) => result.status === 'Drifted' || (codifyDeletions && result.status === 'Missing'),
  );
}

/** The trailer marks the commit as driftback's own, so a pass interrupted after its push is finished later. */
function commitMessage(group: DriftGroup, plan: EditPlan, scope: string): string {
  const objects = plan.codified.map(({ result, deleted }) =>
    `- ${describeRef(result.object)} (${result.source.path})${deleted ? ': removed, missing from the cluster' : ''}`,
  );
  return `chore(drift): ${group.title.charAt(0).toLowerCase()}${group.title.slice(1)}\n\n${objects.join('\n')}\n\n${SCOPE_TRAILER}: ${scope}\n`;
}

/** What every step of one run shares: where pull requests go, as whom, and which ones are this run's. */
interface RunContext {
  platform: PullRequestPlatform;
  options: PullRequestOptions;
  author: GitIdentity;
  /** The scope marker of this run's pull requests. */
  scope: string;
}

interface GroupStep {
  group: DriftGroup;
  plan: EditPlan;
  existing: PullRequest | undefined;
  fingerprint: string;
  ws: GitWorkspace;
  baseBranch: string;
}

/**
 * Turns compliant drift into one pull request per group, idempotently (Renovate's ensurePr):
 * the fingerprint marker in the body says whether anything changed, so a run with the same
 * drift only reads. The CLI's `scan --open-prs` and the operator both call this.
 */
export async function ensureDriftPullRequests(input: EnsurePullRequestsInput): Promise<PullRequestOutcome[]> {
  const { report, options, platform } = input;
  const codifyDeletions = options.codifyDeletions ?? false;
  const ctx: RunContext = { platform, options, author: options.author ?? DEFAULT_AUTHOR, scope: scopeOf(report, options.owner) };
  const log = input.log ?? (() => undefined);

  const ours = (await platform.listOpenPullRequests(BRANCH_PREFIX)).filter((pr) => readMarker(pr.body, 'scope') === ctx.scope);
  const openByBranch = new Map(ours.map((pr) => [pr.head, pr]));

  // One clone per run, and only when something may have to be written.
  let workspace: { ws: GitWorkspace; baseBranch: string } | undefined;
  const openWorkspace = async (): Promise<{ ws: GitWorkspace; baseBranch: string }> => {
    if (workspace) return workspace;
    const baseBranch = options.baseBranch ?? (await platform.getDefaultBranch());
    const token = options.token ?? (await platform.gitToken?.());
    const ws = await input.git.openWorkspace({ repo: options.repo, baseBranch, token, author: ctx.author });
    workspace = { ws, baseBranch };
    return workspace;
  };

  const outcomes: PullRequestOutcome[] = [];
  const kept = new Set<string>();
  try {
    for (const group of groupDrift(report.results, options.prPer ?? 'source', report.source.paths, options.owner)) {
      const existing = openByBranch.get(group.branch);
      // An object that could not be compared may still have drift: leave its pull request be.
      if (group.results.some((result) => result.status === 'Error')) kept.add(group.branch);
      if (!hasDrift(group, codifyDeletions)) continue;

      const fingerprint = fingerprintDrift(group.results, codifyDeletions);
      if (existing && readMarker(existing.body, 'fingerprint') === fingerprint) {
        kept.add(group.branch);
        outcomes.push({ branch: group.branch, number: existing.number, url: existing.url, action: 'unchanged' });
        continue;
      }
      const declined = existing ? undefined : await declinedBefore(ctx, group.branch, fingerprint);
      if (declined) {
        outcomes.push({ branch: group.branch, number: declined.number, url: declined.url, action: 'declined' });
        continue;
      }

      const { ws, baseBranch } = await openWorkspace();
      const plan = await planEdits({
        results: group.results,
        baseline: input.baseline,
        live: input.live,
        codifyDeletions,
        editor: input.editor ?? applyChangesToSource,
        readFile: (path) => ws.readBaseFile(path),
        listFiles: () => ws.listBaseFiles(),
        renderer: input.renderer,
      });
      if (plan.writes.length === 0) continue;

      kept.add(group.branch);
      const outcome = await ensureGroup(ctx, { group, plan, existing, fingerprint, ws, baseBranch });
      log(`${outcome.action} pull request${outcome.number ? ` #${outcome.number}` : ''} for ${group.branch}`);
      outcomes.push(outcome);
    }

    for (const pr of ours) {
      if (kept.has(pr.head)) continue;
      await closeResolved(ctx, pr, (await openWorkspace()).ws);
      log(`closed pull request #${pr.number} for ${pr.head}: no compliant drift left`);
      outcomes.push({ branch: pr.head, number: pr.number, url: pr.url, action: 'closed' });
    }
  } finally {
    await workspace?.ws.dispose();
  }
  return outcomes;
}

/**
 * A person who closed a pull request (unmerged) declined that drift: the same fingerprint is not
 * proposed again; different drift is. Not a refusal: a pull request driftback closed itself, or
 * one closed to let driftback start over after a person's commit (both carry a comment marker).
 */
async function declinedBefore({ platform }: RunContext, branch: string, fingerprint: string): Promise<PullRequest | undefined> {
  const closed = await platform.findClosedPullRequest(branch);
  if (!closed || closed.merged || readMarker(closed.body, 'fingerprint') !== fingerprint) return undefined;
  const comments = await platform.listComments(closed.number);
  return comments.some((comment) => comment.includes(RESOLVED_MARKER) || comment.includes(HUMAN_COMMIT_MARKER)) ? undefined : closed;
}

async function closeResolved({ platform, author }: RunContext, pr: PullRequest, ws: GitWorkspace): Promise<void> {
  await platform.comment(pr.number, CLOSE_COMMENT);
  await platform.closePullRequest(pr.number);
  const head = await ws.remoteBranchHead(pr.head);
  // A branch carrying a person's commit is theirs to delete.
  if (head && head.authorEmail === author.email) await ws.deleteRemoteBranch(pr.head, head.sha);
}

async function ensureGroup(ctx: RunContext, step: GroupStep): Promise<PullRequestOutcome> {
  const { platform } = ctx;
  const { group, plan, existing, ws } = step;
  const remote = await ws.remoteBranchHead(group.branch);
  const commit = await ws.commit(group.branch, plan.writes, commitMessage(group, plan, ctx.scope));

  if (remote && pushedByPerson(ctx, remote, commit, existing)) {
    if (existing) await commentOnce(ctx, existing.number);
    return { branch: group.branch, number: existing?.number, url: existing?.url, action: 'skipped-human-commit' };
  }
  if (remote?.tree !== commit.tree) await ws.push(group.branch, remote?.sha);

  const body = renderPullRequestBody({ title: group.title, plan, fingerprint: step.fingerprint, scope: ctx.scope, tree: commit.tree });
  if (existing) {
    const updated = await platform.updatePullRequest(existing.number, { title: group.title, body });
    return { branch: group.branch, number: updated.number, url: updated.url, action: 'updated' };
  }
  try {
    const created = await platform.createPullRequest({ head: group.branch, base: step.baseBranch, title: group.title, body });
    await decorate(ctx, created.number);
    return { branch: group.branch, number: created.number, url: created.url, action: 'created' };
  } catch (error) {
    if (!(error instanceof PullRequestExistsError)) throw error;
    const found = await platform.findOpenPullRequest(group.branch);
    if (!found) throw error;
    const updated = await platform.updatePullRequest(found.number, { title: group.title, body });
    await addLabels(ctx, updated.number);
    return { branch: group.branch, number: updated.number, url: updated.url, action: 'updated' };
  }
}

/**
 * The branch is ours while its head is authored by our identity and is our commit: it carries our
 * scope trailer (also when the pull-request update after its push failed), or, for commits made
 * before the trailer, it holds a tree we made (recorded in the body, or the one we would push).
 */
function pushedByPerson({ author, scope }: RunContext, remote: CommitInfo, commit: CommitInfo, existing: PullRequest | undefined): boolean {
  if (remote.authorEmail !== author.email) return true;
  if (remote.scope === scope) return false;
  const recorded = existing && readMarker(existing.body, 'tree');
  return recorded !== undefined && remote.tree !== recorded && remote.tree !== commit.tree;
}

async function commentOnce({ platform }: RunContext, number: number): Promise<void> {
  const comments = await platform.listComments(number);
  if (!comments.some((comment) => comment.includes(HUMAN_COMMIT_MARKER))) await platform.comment(number, HUMAN_COMMIT_COMMENT);
}

async function addLabels({ platform, options }: RunContext, number: number): Promise<void> {
  const labels = options.labels ?? ['drift'];
  if (labels.length > 0) await platform.addLabels(number, labels);
}

/** Reviewers and assignees only on creation: asking again would notify them on every update. */
async function decorate(ctx: RunContext, number: number): Promise<void> {
  await addLabels(ctx, number);
  if (ctx.options.reviewers?.length) await ctx.platform.requestReviewers(number, ctx.options.reviewers);
  if (ctx.options.assignees?.length) await ctx.platform.addAssignees(number, ctx.options.assignees);
}
