/**
 * Admission webhook configurations (pkg/apis/admissionregistration/v1/defaults.go), often kept in
 * Git next to the webhook's Deployment, and CustomResourceDefinitions
 * (apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go).
 */
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { derived, fixed } from './rule-builders.js';
import type { DefaultRule } from './types.js';

const WEBHOOK_RULES: readonly DefaultRule[] = [
  fixed('webhooks.*.failurePolicy', 'Fail', 'Webhook.failurePolicy'),
  fixed('webhooks.*.matchPolicy', 'Equivalent', 'Webhook.matchPolicy'),
  fixed('webhooks.*.namespaceSelector', {}, 'Webhook.namespaceSelector'),
  fixed('webhooks.*.objectSelector', {}, 'Webhook.objectSelector'),
  fixed('webhooks.*.timeoutSeconds', 10, 'Webhook.timeoutSeconds'),
  fixed('webhooks.*.rules.*.scope', '*', 'RuleWithOperations.scope'),
  fixed('webhooks.*.clientConfig.service.port', 443, 'ServiceReference.port'),
];

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
  {
    kinds: ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration'],
    prefixes: [[]],
    rules: WEBHOOK_RULES,
  },
  {
    kinds: ['admissionregistration.k8s.io/MutatingWebhookConfiguration'],
    prefixes: [[]],
    rules: [fixed('webhooks.*.reinvocationPolicy', 'Never', 'MutatingWebhook.reinvocationPolicy')],
  },
  { kinds: ['apiextensions.k8s.io/CustomResourceDefinition'], prefixes: [[]], rules: CRD_RULES },
];
