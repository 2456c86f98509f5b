import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../../src/cli/command.js';
import { parseControllerField } from '../../../src/cli/controller-field-flag.js';

describe('--controller-field', () => {
  it.each([
    ['pilot-discovery:MutatingWebhookConfiguration.admissionregistration.k8s.io:/webhooks/*/clientConfig/caBundle', { kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io', pointers: ['/webhooks/*/clientConfig/caBundle'], managers: ['pilot-discovery'] }],
    ['scaler:Widget:/spec/size', { kind: 'Widget', pointers: ['/spec/size'], managers: ['scaler'] }],
    ['keda-operator:Deployment.apps:/spec/replicas', { kind: 'Deployment', group: 'apps', pointers: ['/spec/replicas'], managers: ['keda-operator'] }],
  ])('%s', (text, rule) => {
    expect(parseControllerField(text)).toEqual(rule);
  });

  it.each(['Widget:/spec/size', ':Widget:/spec/size', 'm::/spec/size', 'm:Widget:spec/size'])('refuses %s as a usage error', (text) => {
    expect(() => parseControllerField(text)).toThrow(UsageError);
  });
});
