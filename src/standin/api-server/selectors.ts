import type { KubeObject } from '../../model/index.js';
import { badRequest } from './status-errors.js';

/** A parsed label or field selector: every requirement must hold. */
export type Selector = (object: KubeObject) => boolean;

interface Requirement {
  key: string;
  operator: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

/** Splits on commas outside parentheses: `app in (a,b),tier!=db`. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseRequirement(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set?.[1] && set[2] && set[3] !== undefined) {
    const values = set[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: set[1], operator: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const comparison = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (comparison?.[1] && comparison[2]) {
    return { key: comparison[1], operator: comparison[2] === '!=' ? '!=' : '=', values: [comparison[3] ?? ''] };
  }
  if (/^!\S+$/.test(term)) return { key: term.slice(1), operator: '!', values: [] };
  if (/^[^\s!=(),]+$/.test(term)) return { key: term, operator: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: ${term}`);
}

function holds(requirement: Requirement, value: string | undefined): boolean {
  switch (requirement.operator) {
    case '=':
      return value === requirement.values[0];
    case '!=':
      return value !== requirement.values[0];
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
  }
}

export function parseLabelSelector(selector: string | null): Selector {
  const requirements = splitTerms(selector ?? '').map(parseRequirement);
  return (object) => requirements.every((r) => holds(r, object.metadata.labels?.[r.key]));
}

const FIELDS: Record<string, (object: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Field selectors: metadata.name and metadata.namespace, with = / == / !=. */
export function parseFieldSelector(selector: string | null): Selector {
  const requirements = splitTerms(selector ?? '').map(parseRequirement);
  for (const r of requirements) {
    if (!FIELDS[r.key] || (r.operator !== '=' && r.operator !== '!=')) {
      throw badRequest(`"${r.key}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
  }
  return (object) => requirements.every((r) => holds(r, FIELDS[r.key]?.(object)));
}
