import { createHash } from 'node:crypto';
import { describeRef, type DriftResult } from '../model/index.js';

export const PR_GROUPINGS = ['object', 'namespace', 'source'] as const;
export type PrGrouping = (typeof PR_GROUPINGS)[number];

export const BRANCH_PREFIX = 'driftback/';

/** The results that share one branch and one pull request. */
export interface DriftGroup {
  branch: string;
  title: string;
  results: DriftResult[];
}

function scopeOf(result: DriftResult, grouping: PrGrouping): { key: string; title: string } {
  switch (grouping) {
    case 'source':
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

/** Groups every result (whatever its status) so a group knows about its errors too. */
export function groupDrift(results: readonly DriftResult[], grouping: PrGrouping): DriftGroup[] {
  const groups = new Map<string, DriftGroup>();
  for (const result of results) {
    const scope = scopeOf(result, grouping);
    const branch = branchFor(scope.key);
    const group = groups.get(branch) ?? { branch, title: `Codify live drift in ${scope.title}`, results: [] };
    group.results.push(result);
    groups.set(branch, group);
  }
  return [...groups.values()].sort((a, b) => a.branch.localeCompare(b.branch));
}
