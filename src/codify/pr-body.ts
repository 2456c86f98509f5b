import { describeRef, type Actor, type Change } from '../model/index.js';
import { showValues } from '../report/show-values.js';
import type { EditPlan } from './plan-edits.js';

/** Hidden markers, as Renovate keeps its own state in the pull request body. */
export const MARKERS = ['fingerprint', 'scope', 'tree'] as const;
export type MarkerName = (typeof MARKERS)[number];

export const HUMAN_COMMIT_MARKER = '<!-- driftback:human-commit -->';

export function marker(name: MarkerName, value: string): string {
  return `<!-- driftback:${name}=${value} -->`;
}

export function readMarker(body: string, name: MarkerName): string | undefined {
  return new RegExp(`<!-- driftback:${name}=([^\\s>]+) -->`).exec(body)?.[1];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** A list item per change; a long multi-line value gets its line diff in a fenced block under it. */
function describeChange(change: Change): string[] {
  const shown = showValues(change.baseline, change.live);
  const head = `\`${change.op} ${change.path}\``;
  if (shown.form === 'lines') {
    const fence = '`'.repeat(Math.max(3, ...shown.hunks.map((line) => longestBacktickRun(line) + 1)));
    return [`- ${head}: ${shown.summary}`, `  ${fence}diff`, ...shown.hunks.map((line) => `  ${line}`), `  ${fence}`];
  }
  const side = (text: string | undefined) => (text === undefined ? '(absent)' : code(text));
  return [`- ${head}: ${side(shown.baseline)} -> ${side(shown.live)}`];
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

function describeActors(actors: readonly Actor[]): string {
  if (actors.length === 0) return 'unknown';
  return actors
    .map((actor) => `${actor.manager} (${actor.operation}${actor.time ? `, ${actor.time}` : ''})`)
    .join(', ');
}

export interface BodyInput {
  title: string;
  plan: EditPlan;
  fingerprint: string;
  scope: string;
  tree: string;
}

export function renderPullRequestBody(input: BodyInput): string {
  const { plan } = input;
  const lines: string[] = [
    `## ${input.title}`,
    '',
    'The cluster differs from Git in ways the drift policies allow. Merging this pull request makes Git match the cluster.',
    '',
    '| Object | Source | Verdict | Changed by |',
    '| --- | --- | --- | --- |',
  ];
  for (const { result, deleted } of plan.codified) {
    const verdict = deleted ? 'missing from the cluster: removed' : (result.verdict ?? 'no policy');
    lines.push(
      `| ${cell(describeRef(result.object))} | \`${cell(result.source.path)}\` (document ${result.source.document})${result.source.root === undefined ? '' : ` rendered by \`${cell(result.source.root)}\``} | ${verdict} | ${cell(describeActors(result.actors))} |`,
    );
  }
  lines.push('', '### Changes (baseline -> live)', '');
  for (const { result, applied, deleted } of plan.codified) {
    lines.push(`**${describeRef(result.object)}**`, '');
    if (deleted) lines.push('- the object no longer exists in the cluster; its document is removed');
    for (const change of applied) lines.push(...describeChange(change));
    lines.push('');
  }
  if (plan.notes.length > 0) lines.push('### Notes', '', ...plan.notes.map(({ note }) => `- ${note}`), '');
  lines.push(...leftOut(plan));
  lines.push('Closing this pull request without merging declines this drift: driftback will not propose the same change again, and opens a new pull request only when the drift changes.');
  const markers = [marker('fingerprint', input.fingerprint), marker('scope', input.scope), marker('tree', input.tree)];
  return `${fitBody(lines.join('\n'))}\n${markers.join('\n')}\n`;
}

/** GitHub refuses bodies over 65,536 characters; the markers must survive the cut. */
const BODY_LIMIT = 60_000;

function fitBody(text: string): string {
  if (text.length <= BODY_LIMIT) return text;
  const cut = text.lastIndexOf('\n', BODY_LIMIT);
  return `${text.slice(0, cut)}\n\n_The list stops here: GitHub limits the size of a pull request body. The commit holds every change._\n`;
}

function leftOut(plan: EditPlan): string[] {
  const lines: string[] = [];
  for (const { result, paths } of plan.secrets) {
    lines.push(
      `- ${describeRef(result.object)}: Secret data changed in the cluster (${paths.map((path) => `\`${path}\``).join(', ')}). Its value is never written to Git: rotate it in the secret store.`,
    );
  }
  if (plan.violating.length > 0) {
    const count = plan.violating.reduce((sum, result) => sum + result.changes.length, 0);
    const objects = plan.violating
      .map((result) => {
        const rules = result.violations.map((violation) => `${violation.policy}/${violation.rule}`).join(', ');
        return `${describeRef(result.object)}${rules ? ` (${rules})` : ''}`;
      })
      .join('; ');
    lines.push(
      `- ${count} violating change${count === 1 ? '' : 's'} left out: ${objects}. They break a drift policy, so they stay out of Git; see them with \`driftback scan --output markdown\` or in the DriftWatch status.`,
    );
  }
  for (const result of plan.missing) {
    lines.push(`- ${describeRef(result.object)} is missing from the cluster; its document is kept (deletions are codified only when enabled).`);
  }
  for (const { result, change, reason } of plan.skipped) {
    lines.push(`- ${describeRef(result.object)}${change ? ` \`${change.path}\`` : ''}: not edited, ${reason}.`);
  }
  return lines.length === 0 ? [] : ['### Left out', '', ...lines, ''];
}
