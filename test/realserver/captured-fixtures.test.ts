/**
 * Tier 3, suite 5: per-kind fixtures captured from a real kube-apiserver. For every kind in
 * test/fixtures/kinds, the `git` manifest of its hand-written `in-sync` case is applied with the
 * real kubectl and read back (`captured-in-sync-<version>.yaml`), then labelled by hand with
 * `kubectl label` and read back again (`captured-label-<version>.yaml`). The unit tier runs them
 * with the hand-written cases; this suite checks that the committed captures are still what the
 * server returns (values it allocates afresh masked), and the diff finds exactly the label.
 *
 * DRIFTBACK_CAPTURE_FIXTURES=1 writes the captures instead of comparing them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { compareObjects } from '../../src/diff/index.js';
import type { Change, JsonValue, KubeObject } from '../../src/model/index.js';
import { isJsonObject } from '../../src/model/index.js';
import { REAL_SERVER_HOOK_TIMEOUT_MS, startRealApiServer, type RealApiServer } from '../support/real-api-server.js';

const KINDS = join(import.meta.dirname, '../fixtures/kinds');
const CAPTURE = process.env.DRIFTBACK_CAPTURE_FIXTURES === '1';

/** Kinds whose `in-sync` case holds what only a controller writes, with the controller. */
const NEEDS_A_CONTROLLER: Record<string, string> = {
  'clusterrole-aggregated': 'rules written by the clusterrole-aggregation controller',
};

interface Fixture {
  description: string;
  serverVersion?: string;
  git: KubeObject;
  live: KubeObject;
  expect: Change[];
}

const kinds = readdirSync(KINDS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !(entry.name in NEEDS_A_CONTROLLER))
  .map((entry) => entry.name)
  .sort();

const handWritten = (kind: string): Fixture => parse(readFileSync(join(KINDS, kind, 'in-sync.yaml'), 'utf8')) as Fixture;

/** What differs between two creations of the same manifest: ids, times, random names, allocated addresses. */
function masked(object: KubeObject): JsonValue {
  const uid = object.metadata.uid ?? '';
  const walk = (value: JsonValue, key: string): JsonValue => {
    if (typeof value === 'string') {
      if (['creationTimestamp', 'time', 'lastTransitionTime', 'resourceVersion', 'clusterIP'].includes(key)) return `<${key}>`;
      const named = value.replace(/^kube-api-access-[a-z0-9]{5}$/, 'kube-api-access-<random>');
      return uid ? named.split(uid).join('<uid>') : named;
    }
    if (typeof value === 'number' && (key === 'nodePort' || key === 'healthCheckNodePort')) return `<${key}>`;
    if (Array.isArray(value)) return value.map((item) => walk(item, key === 'clusterIPs' ? 'clusterIP' : key));
    if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v as JsonValue, k)]));
    return value;
  };
  return walk(object as unknown as JsonValue, '');
}

describe('per-kind fixtures captured from a real kube-apiserver', () => {
  let server: RealApiServer;
  const captured = new Map<string, { inSync: KubeObject; labelled: KubeObject }>();

  const kubectl = async (args: string[], input?: string): Promise<string> => {
    const run = await server.kubectl(args, input);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };

  beforeAll(async () => {
    server = await startRealApiServer();
    const gits = kinds.map((kind) => handWritten(kind).git);
    const namespaces = [...new Set(gits.map((git) => git.metadata.namespace).filter((ns): ns is string => !!ns))];
    for (const namespace of namespaces.filter((ns) => !gits.some((git) => git.kind === 'Namespace' && git.metadata.name === ns))) {
      await kubectl(['create', 'namespace', namespace]);
    }
    // Namespaces first, each with the default ServiceAccount its controller would make (Pods need it).
    const isNamespace = (kind: string) => handWritten(kind).git.kind === 'Namespace';
    for (const kind of kinds.filter(isNamespace)) await kubectl(['apply', '-f', '-'], JSON.stringify(handWritten(kind).git));
    for (const namespace of namespaces) await kubectl(['create', 'serviceaccount', 'default', '-n', namespace]);
    for (const kind of [...kinds.filter(isNamespace), ...kinds.filter((k) => !isNamespace(k))]) {
      const git = handWritten(kind).git;
      const target = [`${git.kind}.${git.apiVersion.includes('/') ? git.apiVersion.split('/')[0] : ''}`.replace(/\.$/, ''), git.metadata.name];
      const scope = git.metadata.namespace ? ['-n', git.metadata.namespace] : [];
      await kubectl(['apply', '-f', '-'], JSON.stringify(git));
      const inSync = JSON.parse(await kubectl(['get', ...scope, target.join('/'), '-o', 'json'])) as KubeObject;
      await kubectl(['label', ...scope, target.join('/'), 'incident=INC-7']);
      const labelled = JSON.parse(await kubectl(['get', ...scope, target.join('/'), '-o', 'json'])) as KubeObject;
      captured.set(kind, { inSync, labelled });
    }
  }, REAL_SERVER_HOOK_TIMEOUT_MS);

  afterAll(async () => server?.close());

  it.each(kinds)('%s: scans in sync as captured, and reports exactly the label added by hand', (kind) => {
    const git = handWritten(kind).git;
    const { inSync, labelled } = captured.get(kind)!;
    const label: Change[] = [{ op: 'add', path: '/metadata/labels/incident', live: 'INC-7' }];
    expect(compareObjects(inSync, git).changes).toEqual([]);
    expect(compareObjects(labelled, git).changes).toEqual(label);

    const files = {
      [`captured-in-sync-${server.version}.yaml`]: { live: inSync, expect: [] as Change[], what: 'applied with kubectl apply' },
      [`captured-label-${server.version}.yaml`]: { live: labelled, expect: label, what: 'applied with kubectl apply, then kubectl label incident=INC-7' },
    };
    for (const [file, capture] of Object.entries(files)) {
      const path = join(KINDS, kind, file);
      if (CAPTURE) {
        const fixture: Fixture = {
          description: `${git.kind} ${capture.what}, read back from kube-apiserver ${server.version} (captured by test/realserver/captured-fixtures.test.ts)`,
          serverVersion: server.version,
          git,
          live: capture.live,
          expect: capture.expect,
        };
        writeFileSync(path, stringify(fixture, { lineWidth: 0 }));
        continue;
      }
      expect({ file: path, exists: existsSync(path) }).toEqual({ file: path, exists: true });
      const committed = parse(readFileSync(path, 'utf8')) as Fixture;
      expect(masked(committed.live)).toEqual(masked(capture.live));
      expect(committed.git).toEqual(git);
    }
  });
});
