import type { ControllerFieldRule } from '../diff/index.js';
import { UsageError } from './command.js';

/**
 * `--controller-field <manager>:<Kind>[.<group>]:<pointer>`: the field at the pointer of that kind
 * is written by the manager, e.g. `istiod:MutatingWebhookConfiguration.admissionregistration.k8s.io:/webhooks/*\/clientConfig/caBundle`.
 * Without a group, the kind matches in any group.
 */
export function parseControllerField(text: string): ControllerFieldRule {
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  const manager = text.slice(0, first);
  const kindAndGroup = text.slice(first + 1, second);
  const pointer = text.slice(second + 1);
  if (first <= 0 || second <= first + 1 || !pointer.startsWith('/')) {
    throw new UsageError(`--controller-field takes <manager>:<Kind>[.<group>]:<JSON Pointer>, e.g. istiod:MutatingWebhookConfiguration.admissionregistration.k8s.io:/webhooks/*/clientConfig/caBundle (got "${text}")`);
  }
  const dot = kindAndGroup.indexOf('.');
  const kind = dot === -1 ? kindAndGroup : kindAndGroup.slice(0, dot);
  const group = dot === -1 ? undefined : kindAndGroup.slice(dot + 1);
  return { kind, ...(group !== undefined ? { group } : {}), pointers: [pointer], managers: [manager] };
}
