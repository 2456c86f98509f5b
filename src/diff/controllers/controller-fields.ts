import type { KubeObject } from '../../model/index.js';
import { groupOf } from '../../model/index.js';
import { OWNER_PERSON } from '../managers.js';
import type { Difference, FieldOwner, Normalizer, ObjectNormalizer } from '../normalizer.js';
import type { ClusterFacts, ControllerRule, OwnedField } from './controller-rule.js';
import { CONTROLLER_TABLE } from './controller-table.js';

/**
 * A user's entry of the table (`scan --controller-field`, a DriftWatch's `spec.controllerFields`):
 * the fields at `pointers` of the kind are written by `managers`. `group` absent: any group.
 */
export interface ControllerFieldRule {
  name?: string;
  group?: string;
  kind: string;
  pointers: readonly string[];
  managers: readonly string[];
}

const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function userRule(rule: ControllerFieldRule): ControllerRule {
  const patterns = rule.pointers.map((pointer) => pointer.replace(/^\//, '').split('/').map(unescape));
  const detail = `written by ${rule.managers.join(', ')}`;
  return {
    name: rule.name ?? `${rule.kind}:${rule.managers.join(',')}`,
    docs: 'a controller field given to this scan or DriftWatch',
    fieldsOf: (live) =>
      live.kind === rule.kind && (rule.group === undefined || rule.group === groupOf(live.apiVersion))
        ? patterns.map((pattern) => ({ pattern, managers: rule.managers, detail }))
        : undefined,
  };
}

function covers(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

/** A person's write to a controller's field is drift: any person's manager other than the controller's. */
function writtenByController(owners: readonly FieldOwner[] | undefined, managers: readonly string[]): boolean {
  return !owners || owners.every((o) => !(o.owner & OWNER_PERSON) || managers.includes(o.manager));
}

function explainDifference(fields: readonly { rule: ControllerRule; field: OwnedField }[], d: Difference) {
  for (const { rule, field } of fields) {
    if (!covers(field.pattern, d.pattern) || (field.matches && !field.matches(d.live, d.git))) continue;
    if (!writtenByController(d.owners(), field.managers)) continue;
    return { reason: 'controller-owned' as const, rule: rule.name, detail: `${field.detail} (${rule.docs})` };
  }
  return undefined;
}

/** The controller-fields table as a normalizer: the built-in rules, then the user's. */
export function controllerFields(facts: ClusterFacts = {}, extra: readonly ControllerFieldRule[] = []): Normalizer {
  const rules = [...CONTROLLER_TABLE, ...extra.map(userRule)];
  return {
    name: 'controller-fields',
    forObject(live: KubeObject, git: KubeObject): ObjectNormalizer | undefined {
      const fields = rules.flatMap((rule) => (rule.fieldsOf(live, git, facts) ?? []).map((field) => ({ rule, field })));
      return fields.length === 0 ? undefined : { explainDifference: (d) => explainDifference(fields, d) };
    },
  };
}
