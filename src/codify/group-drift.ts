import { createHash } from 'node:crypto';
import { describeRef, type DriftResult } from '../model/index.js';

/**
 * `source` (the default): one pull request for all of a scan's drift, that is for the repository
 * paths one scan or one DriftWatch compares. `file`: one per manifest file. `namespace` and
 * `object` as their names say.
 */
export const PR_GROUPINGS = ['source', 'file', 'namespace', 'object'] as const;
export type PrGrouping = (typeof PR_GROUPINGS)[number];

export const BRANCH_PREFIX = 'driftback/';

/** The scope key of a scan over the whole repository (no paths, or `.`): branch `driftback/all`. */
const WHOLE_REPOSITORY_KEY = 'all';

/** The results that share one branch and one pull request. */
export interface DriftGroup {
  branch: string;
  title: string;
  results: DriftResult[];
}

/**
 * The scan's own scope: its paths, sorted, joined with `+` (`branchFor` flattens and, when long,
 * shortens them with a digest); the whole repository when there are none or one is `.`.
 */
function sourceScope(sourcePaths: readonly string[]): { key: string; title: string } {
  const paths = [...new Set(sourcePaths)].sort();
  if (paths.length === 0 || paths.some((path) => path === '' || path === '.')) return { key: WHOLE_REPOSITORY_KEY, title: 'the repository' };
  return { key: paths.join('+'), title: paths.join(', ') };
}

function scopeOf(result: DriftResult, grouping: Exclude<PrGrouping, 'source'>): { key: string; title: string } {
  switch (grouping) {
    case 'file':
      return { key: result.source.path, title: result.source.path };
    case 'namespace': {
      const namespace = result.object.namespace;
      return namespace
        ? { key: `ns-${namespace}`, title: `namespace ${namespace}` }
        : { key: 'cluster-scoped', title: 'cluster-scoped objects' };
    }
    case 'object':
      return {
        key: [result.object.kind, result.object.namespace, result.object.name].filter(Boolean).join('-'),
        title: describeRef(result.object),
      };
  }
}

/**
 * A valid, flat ref name: slashes inside the scope are flattened so that `driftback/a` and
 * `driftback/a/b` never collide as a file and a directory of refs.
 */
export function branchFor(scopeKey: string): string {
  const slug = scopeKey
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/\.lock$/, '-lock');
  if (slug !== '' && slug.length <= 80) return `${BRANCH_PREFIX}${slug}`;
  const digest = createHash('sha256').update(scopeKey).digest('hex').slice(0, 10);
  return `${BRANCH_PREFIX}${slug.slice(0, 60).replace(/[-.]+$/, '')}-${digest}`;
}

/**
 * Groups every result (whatever its status) so a group knows about its errors too.
 * `sourcePaths` are the scan's paths (`report.source.paths`), which name the `source` group.
 * `owner` (the operator's DriftWatch, `namespace/name`) leads every branch name, so two
 * DriftWatches over the same repository and paths never push to one branch.
 */
export function groupDrift(
  results: readonly DriftResult[],
  grouping: PrGrouping,
  sourcePaths: readonly string[],
  owner?: string,
): DriftGroup[] {
  const whole = grouping === 'source' ? sourceScope(sourcePaths) : undefined;
  const groups = new Map<string, DriftGroup>();
  for (const result of results) {
    const scope = whole ?? scopeOf(result, grouping as Exclude<PrGrouping, 'source'>);
    const branch = branchFor(owner ? `${owner}+${scope.key}` : scope.key);
    const group = groups.get(branch) ?? { branch, title: `Codify live drift in ${scope.title}`, results: [] };
    group.results.push(result);
    groups.set(branch, group);
  }
  return [...groups.values()].sort((a, b) => a.branch.localeCompare(b.branch));
}
