/**
 * Small core kinds. ConfigMap and ServiceAccount have no defaults (since 1.24 no token Secret
 * is generated for a ServiceAccount); a Secret gets its type, a Namespace its finalizer and
 * name label (pkg/registry/core/namespace/strategy.go).
 */
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

export const CORE_GROUPS: readonly RuleGroup[] = [
  { kinds: ['/Secret'], prefixes: [[]], rules: SECRET_RULES },
  { kinds: ['/Namespace'], prefixes: [[]], rules: NAMESPACE_RULES },
];
