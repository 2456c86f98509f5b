/**
 * Small core kinds. ConfigMap and ServiceAccount have no defaults (since 1.24 no token Secret
 * is generated for a ServiceAccount); a Secret gets its type, a Namespace its finalizer and
 * name label (SetDefaults_Namespace), a LimitRange its derived defaults.
 */
import type { JsonObject } from '../../model/index.js';
import { isJsonObject } from '../../model/index.js';
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { allocated, derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const isTokenSecret = (ctx: DefaultContext): boolean => getIn(ctx.root, ['type']) === 'kubernetes.io/service-account-token';

const SECRET_RULES: readonly DefaultRule[] = [
  fixed('type', 'Opaque', 'Secret.type'),
  ...['token', 'ca.crt', 'namespace'].map((key) =>
    allocated(['data', key], (ctx) => isTokenSecret(ctx) && typeof ctx.value === 'string', 'filled in by the ServiceAccount token controller'),
  ),
  allocated(
    ['metadata', 'annotations', 'kubernetes.io/service-account.uid'],
    (ctx) => isTokenSecret(ctx) && typeof ctx.value === 'string',
    'filled in by the ServiceAccount token controller',
  ),
];

const NAMESPACE_RULES: readonly DefaultRule[] = [
  fixed('spec.finalizers', ['kubernetes'], 'NamespaceSpec.finalizers'),
  fixed('spec.finalizers.*', 'kubernetes', 'NamespaceSpec.finalizers'),
  derived(
    ['metadata', 'labels', 'kubernetes.io/metadata.name'],
    (ctx) => ctx.value === getIn(ctx.root, ['metadata', 'name']),
    'API server sets the kubernetes.io/metadata.name label to the Namespace name',
  ),
];

/**
 * SetDefaults_LimitRangeItem, for Container items: a missing default limit takes the max, a
 * missing default request the default limit, else the min.
 */
function limitRangeItems(ctx: DefaultContext): JsonObject[] {
  const limits = getIn(ctx.root, ['spec', 'limits']);
  return Array.isArray(limits) ? limits.filter(isJsonObject).filter((item) => item['type'] === 'Container') : [];
}

const resourceOf = (ctx: DefaultContext): string => ctx.path[ctx.path.length - 1] ?? '';

const LIMIT_RANGE_RULES: readonly DefaultRule[] = [
  derived(
    'spec.limits.*.default.<any>',
    (ctx) => limitRangeItems(ctx).some((item) => getIn(item, ['default', resourceOf(ctx)]) === ctx.value && getIn(item, ['max', resourceOf(ctx)]) === ctx.value),
    'API server default for LimitRangeItem.default (the max)',
  ),
  derived(
    'spec.limits.*.defaultRequest.<any>',
    (ctx) =>
      limitRangeItems(ctx).some(
        (item) =>
          getIn(item, ['defaultRequest', resourceOf(ctx)]) === ctx.value &&
          (getIn(item, ['default', resourceOf(ctx)]) === ctx.value || getIn(item, ['min', resourceOf(ctx)]) === ctx.value),
      ),
    'API server default for LimitRangeItem.defaultRequest (the default limit, else the min)',
  ),
];

export const CORE_GROUPS: readonly RuleGroup[] = [
  { kinds: ['/Secret'], prefixes: [[]], rules: SECRET_RULES },
  { kinds: ['/Namespace'], prefixes: [[]], rules: NAMESPACE_RULES },
  { kinds: ['/LimitRange'], prefixes: [[]], rules: LIMIT_RANGE_RULES },
];
