/**
 * Admission webhook configurations (pkg/apis/admissionregistration/v1/defaults.go and, for objects
 * Git still writes in the removed v1beta1, v1beta1/defaults.go), often kept in
 * Git next to the webhook's Deployment, and CustomResourceDefinitions
 * (apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go).
 */
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultRule } from './types.js';

const WEBHOOK_RULES: readonly DefaultRule[] = [
  fixed('webhooks.*.namespaceSelector', {}, 'Webhook.namespaceSelector'),
  fixed('webhooks.*.objectSelector', {}, 'Webhook.objectSelector'),
  fixed('webhooks.*.rules.*.scope', '*', 'RuleWithOperations.scope'),
  fixed('webhooks.*.clientConfig.service.port', 443, 'ServiceReference.port'),
];

const V1_WEBHOOK_RULES: readonly DefaultRule[] = [
  fixed('webhooks.*.failurePolicy', 'Fail', 'Webhook.failurePolicy'),
  fixed('webhooks.*.matchPolicy', 'Equivalent', 'Webhook.matchPolicy'),
  fixed('webhooks.*.timeoutSeconds', 10, 'Webhook.timeoutSeconds'),
];

/** admissionregistration/v1beta1 (removed in 1.22): webhooks fail open, match exactly and wait 30s. */
const V1BETA1_WEBHOOK_RULES: readonly DefaultRule[] = [
  fixed('webhooks.*.failurePolicy', 'Ignore', 'v1beta1 Webhook.failurePolicy'),
  fixed('webhooks.*.matchPolicy', 'Exact', 'v1beta1 Webhook.matchPolicy'),
  fixed('webhooks.*.timeoutSeconds', 30, 'v1beta1 Webhook.timeoutSeconds'),
  fixed('webhooks.*.sideEffects', 'Unknown', 'v1beta1 Webhook.sideEffects'),
  fixed('webhooks.*.admissionReviewVersions', ['v1beta1'], 'v1beta1 Webhook.admissionReviewVersions'),
  fixed('webhooks.*.admissionReviewVersions.*', 'v1beta1', 'v1beta1 Webhook.admissionReviewVersions'),
];

const WEBHOOK_KINDS = ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration'];

const kindName = (root: unknown): string => String(getIn(root, ['spec', 'names', 'kind']) ?? '');

const CRD_RULES: readonly DefaultRule[] = [
  fixed('spec.conversion.strategy', 'None', 'CustomResourceConversion.strategy'),
  fixed('spec.conversion.webhook.clientConfig.service.port', 443, 'ServiceReference.port'),
  derived(
    'spec.names.singular',
    (ctx) => ctx.value === kindName(ctx.root).toLowerCase(),
    'API server default for CustomResourceDefinitionNames.singular (the kind in lower case)',
  ),
  derived(
    'spec.names.listKind',
    (ctx) => ctx.value === `${kindName(ctx.root)}List`,
    'API server default for CustomResourceDefinitionNames.listKind (the kind + List)',
  ),
];

export const ADMISSION_GROUPS: readonly RuleGroup[] = [
  { kinds: WEBHOOK_KINDS, prefixes: [[]], rules: WEBHOOK_RULES },
  { kinds: WEBHOOK_KINDS, prefixes: [[]], rules: V1_WEBHOOK_RULES, versions: ['admissionregistration.k8s.io/v1'] },
  { kinds: WEBHOOK_KINDS, prefixes: [[]], rules: V1BETA1_WEBHOOK_RULES, versions: ['admissionregistration.k8s.io/v1beta1'] },
  {
    kinds: ['admissionregistration.k8s.io/MutatingWebhookConfiguration'],
    prefixes: [[]],
    rules: [fixed('webhooks.*.reinvocationPolicy', 'Never', 'MutatingWebhook.reinvocationPolicy')],
  },
  { kinds: ['apiextensions.k8s.io/CustomResourceDefinition'], prefixes: [[]], rules: CRD_RULES },
];
