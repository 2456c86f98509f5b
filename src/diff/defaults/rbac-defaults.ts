/**
 * RBAC (pkg/apis/rbac/v1/defaults.go): binding roleRefs and User/Group subjects get the RBAC API
 * group. An aggregated ClusterRole's rules are the clusterrole-aggregation controller's
 * (controllers/controller-table.ts).
 */
import type { RuleGroup } from './compile-table.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultRule } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const BINDING_RULES: readonly DefaultRule[] = [
  fixed('roleRef.apiGroup', RBAC_GROUP, 'RoleRef.apiGroup'),
  derived(
    'subjects.*.apiGroup',
    (ctx) => ctx.value === RBAC_GROUP && (ctx.parent['kind'] === 'User' || ctx.parent['kind'] === 'Group'),
    'API server default for Subject.apiGroup (rbac.authorization.k8s.io for User and Group)',
  ),
];

export const RBAC_GROUPS: readonly RuleGroup[] = [
  { kinds: [`${RBAC_GROUP}/RoleBinding`, `${RBAC_GROUP}/ClusterRoleBinding`], prefixes: [[]], rules: BINDING_RULES },
];
