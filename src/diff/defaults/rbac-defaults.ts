/**
 * RBAC (pkg/apis/rbac/v1/defaults.go): binding roleRefs and User/Group subjects get the RBAC API
 * group; an aggregated ClusterRole's rules are written by the clusterrole-aggregation controller.
 */
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { allocated, derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const BINDING_RULES: readonly DefaultRule[] = [
  fixed('roleRef.apiGroup', RBAC_GROUP, 'RoleRef.apiGroup'),
  derived(
    'subjects.*.apiGroup',
    (ctx) => ctx.value === RBAC_GROUP && (ctx.parent['kind'] === 'User' || ctx.parent['kind'] === 'Group'),
    'API server default for Subject.apiGroup (rbac.authorization.k8s.io for User and Group)',
  ),
];

const isAggregated = (ctx: DefaultContext): boolean => getIn(ctx.root, ['aggregationRule']) !== undefined;
const RULE_FIELDS = ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'];
const AGGREGATED = 'rules written by the clusterrole-aggregation controller';

const CLUSTER_ROLE_RULES: readonly DefaultRule[] = RULE_FIELDS.flatMap((field) => [
  allocated(`rules.*.${field}`, isAggregated, AGGREGATED),
  allocated(`rules.*.${field}.*`, isAggregated, AGGREGATED),
]);

export const RBAC_GROUPS: readonly RuleGroup[] = [
  { kinds: [`${RBAC_GROUP}/RoleBinding`, `${RBAC_GROUP}/ClusterRoleBinding`], prefixes: [[]], rules: BINDING_RULES },
  { kinds: [`${RBAC_GROUP}/ClusterRole`], prefixes: [[]], rules: CLUSTER_ROLE_RULES },
];
