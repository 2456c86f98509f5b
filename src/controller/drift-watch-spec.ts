import type { ControllerFieldRule } from '../diff/index.js';
import { DriftbackError } from '../model/failure.js';
import { parseFileSize } from '../baseline/index.js';
import type { KubeObject } from '../model/kube-object.js';
import { parseInterval } from './parse-interval.js';

export const PR_GROUPINGS = ['source', 'file', 'namespace', 'object'] as const;
export type PrGrouping = (typeof PR_GROUPINGS)[number];

export interface IgnoreFieldRule {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  pointers: string[];
}

/** A DriftWatch's spec, checked and with defaults filled in. */
export interface DriftWatchSpec {
  namespace: string;
  name: string;
  generation: number;
  source: { repo: string; revision?: string; paths: string[]; secretName?: string; maxFileBytes?: number };
  intervalMs: number;
  suspend: boolean;
  defaultNamespace: string;
  policies?: string[];
  scope: {
    includeNamespaces?: string[];
    excludeNamespaces: string[];
    includeKinds?: string[];
    excludeKinds: string[];
    secrets: boolean;
  };
  ignore: { fields: IgnoreFieldRule[]; trustedManagers: string[] };
  /** Field managers that apply Git, beside the built-in ones. */
  gitManagers: string[];
  /** Fields controllers write, beside the built-in table. */
  controllerFields: ControllerFieldRule[];
  /** How Kustomize roots among the paths are rendered (`spec.kustomize`). */
  kustomize?: { binary?: string; timeoutMs: number; allowRemoteBases: boolean };
  pullRequests: {
    enabled: boolean;
    baseBranch?: string;
    grouping: PrGrouping;
    labels: string[];
    reviewers: string[];
    assignees: string[];
    codifyDeletions: boolean;
    github?: { apiUrl: string; repository?: string; secretName?: string };
  };
}

export class InvalidSpecError extends DriftbackError {
  override name = 'InvalidSpecError';
  readonly stage = 'spec' as const;
  readonly disposition = 'stall' as const;
  readonly conditionReason = 'InvalidSpec';
}

/**
 * Reads a DriftWatch as the API server stores it. The CRD schema already validates, but an
 * operator must not trust that the CRD installed is the one it ships with: anything it cannot
 * act on is an InvalidSpecError, which stalls the watch until its generation changes.
 */
export function parseDriftWatch(object: KubeObject): DriftWatchSpec {
  const where = `DriftWatch ${object.metadata.namespace}/${object.metadata.name}`;
  const spec = record(object.spec, `${where}: spec`);
  const source = record(spec.source, `${where}: spec.source`);
  const repo = source.repo;
  if (typeof repo !== 'string' || repo === '') throw new InvalidSpecError(`${where}: spec.source.repo is required`);
  const scope = record(spec.scope ?? {}, `${where}: spec.scope`);
  const ignore = record(spec.ignore ?? {}, `${where}: spec.ignore`);
  const prs = record(spec.pullRequests ?? {}, `${where}: spec.pullRequests`);
  const github = prs.github === undefined ? undefined : record(prs.github, `${where}: spec.pullRequests.github`);
  const kustomize = record(spec.kustomize ?? {}, `${where}: spec.kustomize`);
  let renderTimeoutMs: number;
  try {
    renderTimeoutMs = parseInterval(typeof kustomize.timeout === 'string' ? kustomize.timeout : '60s');
  } catch (error) {
    throw new InvalidSpecError(`${where}: spec.kustomize.timeout: ${(error as Error).message}`);
  }
  const grouping = (prs.grouping ?? 'source') as PrGrouping;
  if (!PR_GROUPINGS.includes(grouping)) throw new InvalidSpecError(`${where}: spec.pullRequests.grouping must be one of ${PR_GROUPINGS.join(', ')}`);

  let intervalMs: number;
  try {
    intervalMs = parseInterval(typeof spec.interval === 'string' ? spec.interval : '5m');
  } catch (error) {
    throw new InvalidSpecError(`${where}: spec.interval: ${(error as Error).message}`);
  }
  if (intervalMs < 10_000) throw new InvalidSpecError(`${where}: spec.interval must be at least 10s`);

  return {
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
    generation: object.metadata.generation ?? 0,
    source: {
      repo,
      revision: optionalString(source.revision),
      paths: strings(source.paths, `${where}: spec.source.paths`) ?? [],
      secretName: secretName(source.secretRef),
      maxFileBytes: maxFileBytes(source.maxFileSize, where),
    },
    intervalMs,
    suspend: spec.suspend === true,
    defaultNamespace: optionalString(spec.namespace) ?? 'default',
    policies: strings(spec.policies, `${where}: spec.policies`),
    scope: {
      includeNamespaces: strings(scope.includeNamespaces, `${where}: spec.scope.includeNamespaces`),
      excludeNamespaces: strings(scope.excludeNamespaces, `${where}: spec.scope.excludeNamespaces`) ?? [],
      includeKinds: strings(scope.includeKinds, `${where}: spec.scope.includeKinds`),
      excludeKinds: strings(scope.excludeKinds, `${where}: spec.scope.excludeKinds`) ?? [],
      secrets: scope.secrets === true,
    },
    ignore: {
      fields: ignoreFields(ignore.fields, where),
      trustedManagers: strings(ignore.trustedManagers, `${where}: spec.ignore.trustedManagers`) ?? [],
    },
    gitManagers: strings(spec.gitManagers, `${where}: spec.gitManagers`) ?? [],
    controllerFields: controllerFields(spec.controllerFields, where),
    kustomize: { binary: optionalString(kustomize.binary), timeoutMs: renderTimeoutMs, allowRemoteBases: kustomize.allowRemoteBases === true },
    pullRequests: {
      enabled: prs.enabled === true,
      baseBranch: optionalString(prs.baseBranch),
      grouping,
      labels: strings(prs.labels, `${where}: spec.pullRequests.labels`) ?? ['drift'],
      reviewers: strings(prs.reviewers, `${where}: spec.pullRequests.reviewers`) ?? [],
      assignees: strings(prs.assignees, `${where}: spec.pullRequests.assignees`) ?? [],
      codifyDeletions: prs.codifyDeletions === true,
      github: github && {
        apiUrl: optionalString(github.apiURL) ?? 'https://api.github.com',
        repository: optionalString(github.repository),
        secretName: secretName(github.secretRef),
      },
    },
  };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new InvalidSpecError(`${what} must be an object`);
}

function strings(value: unknown, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new InvalidSpecError(`${what} must be a list of strings`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function maxFileBytes(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseFileSize(String(value));
  if ('reason' in parsed) throw new InvalidSpecError(`${where}: spec.source.maxFileSize ${parsed.reason}`);
  return parsed.bytes;
}

function secretName(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null ? optionalString((ref as { name?: unknown }).name) : undefined;
}

function ignoreFields(value: unknown, where: string): IgnoreFieldRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InvalidSpecError(`${where}: spec.ignore.fields must be a list`);
  return value.map((entry, i) => {
    const rule = record(entry, `${where}: spec.ignore.fields[${i}]`);
    const pointers = strings(rule.pointers, `${where}: spec.ignore.fields[${i}].pointers`) ?? [];
    const bad = pointers.find((p) => !p.startsWith('/'));
    if (pointers.length === 0 || bad !== undefined) {
      throw new InvalidSpecError(`${where}: spec.ignore.fields[${i}].pointers must be JSON Pointers starting with "/"`);
    }
    return {
      group: optionalString(rule.group),
      kind: optionalString(rule.kind),
      namespace: optionalString(rule.namespace),
      name: optionalString(rule.name),
      pointers,
    };
  });
}

function controllerFields(value: unknown, where: string): ControllerFieldRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InvalidSpecError(`${where}: spec.controllerFields must be a list`);
  return value.map((entry, i) => {
    const at = `${where}: spec.controllerFields[${i}]`;
    const rule = record(entry, at);
    const pointers = strings(rule.pointers, `${at}.pointers`) ?? [];
    const managers = strings(rule.managers, `${at}.managers`) ?? [];
    const kind = optionalString(rule.kind);
    if (!kind) throw new InvalidSpecError(`${at}.kind is required`);
    if (managers.length === 0) throw new InvalidSpecError(`${at}.managers must name the controller's field managers`);
    if (pointers.length === 0 || pointers.some((p) => !p.startsWith('/'))) throw new InvalidSpecError(`${at}.pointers must be JSON Pointers starting with "/"`);
    const name = optionalString(rule.name);
    const group = typeof rule.group === 'string' ? rule.group : undefined;
    return { kind, pointers, managers, ...(name ? { name } : {}), ...(group !== undefined ? { group } : {}) };
  });
}
