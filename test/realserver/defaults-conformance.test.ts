/**
 * Tier 3, suite 1: the server-defaults table against a real kube-apiserver. Every object of the
 * corpus is created with `kubectl create --dry-run=server`; every field the server added must be
 * one the table calls a default (else scan reports false drift), every rule of the table must be
 * seen on this server or be listed below with the reason it cannot be (else the table hides real
 * drift), and the stand-in's forward defaulter must add what the server added.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileTable } from '../../src/diff/defaults/compile-table.js';
import { applyServerDefaults } from '../../src/diff/defaults/index.js';
import { bookkeepingAt } from '../../src/diff/normalize-metadata.js';
import { DEFAULT_TABLE } from '../../src/diff/defaults/table.js';
import type { JsonValue, KubeObject } from '../../src/model/index.js';
import { groupOf, isJsonObject } from '../../src/model/index.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';
import { CLUSTER_SETUP, DEFAULTS_CORPUS } from './defaults-corpus.js';
import { serverAdditions, type AddedField } from './server-added-fields.js';

/**
 * Rules a create on a fresh API server cannot show, each with why it stays in the table: written
 * by controllers or admission plugins this cluster does not run, or by older servers.
 */
const CONTROLLERS = 'written by a controller, and none runs beside this API server';
const REMOVED_VERSION = 'the default of an API version this server no longer serves (apps/v1beta1 and extensions/v1beta1 workloads since 1.16, admissionregistration v1beta1 since 1.22), for objects Git still writes in it';
const OLDER_SERVERS = 'serialized as null by servers before v1.35 (kubernetes/kubernetes#67610); this one omits it';
const NOT_SHOWN_BY_A_CREATE: Record<string, string> = {
  'API server default for Container.resizePolicy (NotRequired)': 'added to Pods by servers that default resizePolicy (InPlacePodVerticalScaling); this one adds none',
  'API server default for JobTemplateSpec.metadata.creationTimestamp (null serialized for an unset time)': OLDER_SERVERS,
  'API server default for PersistentVolumeClaimTemplate.metadata.creationTimestamp (null)': OLDER_SERVERS,
  'API server default for PodTemplateSpec.metadata.creationTimestamp (null serialized for an unset time, kubernetes/kubernetes#67610)': OLDER_SERVERS,
  'API server default for volumeClaimTemplates[].metadata.creationTimestamp (null serialized for an unset time)': OLDER_SERVERS,
  'API server default for ScaleIOVolumeSource.fsType (xfs)': 'ScaleIO volumes stored before the in-tree plugin was removed; this server refuses new ones',
  'API server default for ScaleIOVolumeSource.storageMode (ThinProvisioned)': 'ScaleIO volumes stored before the in-tree plugin was removed; this server refuses new ones',
  'API server default for apps/v1beta1 DeploymentSpec.revisionHistoryLimit (2)': REMOVED_VERSION,
  'API server default for apps/v1beta1 StatefulSetUpdateStrategy.type (OnDelete)': REMOVED_VERSION,
  'API server default for extensions/v1beta1 DeploymentSpec.progressDeadlineSeconds (2147483647)': REMOVED_VERSION,
  'API server default for extensions/v1beta1 DeploymentSpec.revisionHistoryLimit (2147483647)': REMOVED_VERSION,
  'API server default for extensions/v1beta1 RollingUpdateDeployment.maxSurge (1)': REMOVED_VERSION,
  'API server default for extensions/v1beta1 RollingUpdateDeployment.maxUnavailable (1)': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.admissionReviewVersions (["v1beta1"])': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.admissionReviewVersions (v1beta1)': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.failurePolicy (Ignore)': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.matchPolicy (Exact)': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.sideEffects (Unknown)': REMOVED_VERSION,
  'API server default for v1beta1 Webhook.timeoutSeconds (30)': REMOVED_VERSION,
  'assigned by the scheduler': CONTROLLERS,
  'filled in by the ServiceAccount token controller': CONTROLLERS,
  'written by the PV controller': CONTROLLERS,
  'written by the provisioner': CONTROLLERS,
  'written by the scheduler for WaitForFirstConsumer': CONTROLLERS,
};

/** Fields that depend on cluster objects the stand-in does not model (default classes, LimitRanges). */
const SET_BY_CLUSTER_OBJECTS = new Set(['/spec/storageClassName', '/spec/ingressClassName']);

/** kubectl's stderr less the server's deprecation warnings (externalIPs, v1 Endpoints). */
const errorsOf = (stderr: string): string[] => stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Warning: '));

const table = compileTable(DEFAULT_TABLE);
const key = (object: KubeObject): string => `${object.kind}/${object.metadata.name}`;

interface Explained {
  unexplained: string[];
  details: Set<string>;
}

function childrenOf(field: AddedField): AddedField[] {
  const { value } = field;
  if (Array.isArray(value)) return value.map((item, index) => ({ path: [...field.path, '*'], pointer: `${field.pointer}/${index}`, value: item, parent: field.parent }));
  if (!isJsonObject(value)) return [];
  return Object.entries(value).map(([child, item]) => ({ path: [...field.path, child], pointer: `${field.pointer}/${child}`, value: item as JsonValue, parent: value }));
}

function matchField(object: KubeObject, field: AddedField) {
  return table.match({ group: groupOf(object.apiVersion), kind: object.kind, path: field.path, value: field.value, parent: field.parent, root: object });
}

/**
 * Asks the table about a field, and about each field below it when the table has no rule for the
 * whole. Below a matched field the rules that also match are counted as seen (a list and its items).
 */
function explain(object: KubeObject, field: AddedField, into: Explained, required = true): void {
  const match = matchField(object, field) ?? (bookkeepingAt(field.path, object.kind) ? { detail: 'bookkeeping' } : undefined);
  if (match) into.details.add(match.detail);
  const children = childrenOf(field);
  if (!match && required && children.length === 0) into.unexplained.push(`${key(object)} ${field.pointer} = ${JSON.stringify(field.value)}`);
  for (const child of children) explain(object, child, into, required && !match);
}

/** JSON with sorted keys, so that two servers' key orders compare equal. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isJsonObject(value)) return JSON.stringify(value);
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k] as JsonValue)}`).join(',')}}`;
}

function allRuleDetails(): Set<string> {
  return new Set(DEFAULT_TABLE.flatMap((group) => group.rules.map((rule) => rule.detail)));
}

/** Allocated values differ between any two servers; what matters is that both allocate them. */
function comparable(object: KubeObject, fields: AddedField[]): string[] {
  return fields
    .map((field) => `${key(object)} ${field.pointer} = ${matchField(object, field)?.reason === 'allocated' ? '<allocated>' : canonical(field.value)}`)
    .sort();
}

describe('server defaults table against a real kube-apiserver', () => {
  let server: RealApiServer;
  const returned = new Map<string, KubeObject>();

  beforeAll(async () => {
    server = await startRealApiServer();
    const created = await server.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: CLUSTER_SETUP }));
    expect(errorsOf(created.stderr)).toEqual([]);
    const run = await server.kubectl(['create', '--dry-run=server', '-o', 'json', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: DEFAULTS_CORPUS }));
    expect(errorsOf(run.stderr)).toEqual([]);
    // kubectl prints one JSON document per object, each starting at the first column.
    for (const text of run.stdout.split(/\n(?=\{)/)) {
      const object = JSON.parse(text) as KubeObject;
      returned.set(key(object), object);
    }
    process.stderr.write(`defaults conformance against kube-apiserver ${server.version}\n`);
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => server?.close());

  it('creates every object of the corpus', () => {
    expect([...returned.keys()].sort()).toEqual(DEFAULTS_CORPUS.map(key).sort());
  });

  it('the table explains every field the server added, and the server changed no value it was sent', () => {
    const explained: Explained = { unexplained: [], details: new Set() };
    const changed: string[] = [];
    for (const sent of DEFAULTS_CORPUS) {
      const live = returned.get(key(sent))!;
      const additions = serverAdditions(sent, live);
      for (const field of additions.added) explain(live, field, explained);
      changed.push(...additions.changed.map((change) => `${key(sent)} ${change}`));
    }
    expect(explained.unexplained).toEqual([]);
    expect(changed).toEqual([]);
  });

  it('every rule of the table is seen on this server, or listed with the reason it cannot be', () => {
    const explained: Explained = { unexplained: [], details: new Set() };
    for (const sent of DEFAULTS_CORPUS) {
      const live = returned.get(key(sent))!;
      for (const field of serverAdditions(sent, live).added) explain(live, field, explained);
    }
      const unseen = [...allRuleDetails()].filter((detail) => !explained.details.has(detail)).sort();
    expect(unseen).toEqual(Object.keys(NOT_SHOWN_BY_A_CREATE).sort());
  });

  it("the stand-in's forward defaulter adds what the server added", () => {
    const standIn: string[] = [];
    const real: string[] = [];
    for (const sent of DEFAULTS_CORPUS) {
      if (sent.kind === 'Pod') continue;
      const live = returned.get(key(sent))!;
      const withUid = { ...sent, metadata: { ...sent.metadata, uid: live.metadata.uid } } as KubeObject;
      const defaulted = applyServerDefaults(withUid);
      real.push(...comparable(live, serverAdditions(sent, live).added.filter((field) => !SET_BY_CLUSTER_OBJECTS.has(field.pointer))));
      standIn.push(...comparable(defaulted, serverAdditions(withUid, defaulted).added.filter((field) => field.pointer !== '/metadata/uid')));
    }
    expect(standIn).toEqual(real);
  });
});

