import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import { classifyDrift, evaluateRules } from '../../../src/policy/index.js';
import { createPolicyEnvironment } from '../../../src/policy/cel-environment.js';
import { toCelObject } from '../../../src/policy/to-cel-value.js';
import { collectReads, emptyReads, toCelRoot, type VariableReads } from '../../../src/policy/variable-reads.js';
import { compileRules, deployment, drift } from './helpers.js';

const environment = createPolicyEnvironment();

function readsOf(...expressions: string[]): VariableReads {
  const reads = emptyReads();
  for (const expression of expressions) collectReads(environment.parse(expression).ast, reads);
  return reads;
}

/** Maps of FieldReads as plain objects, for readable expectations. */
function plain(reads: unknown): unknown {
  return reads instanceof Map ? Object.fromEntries([...reads].map(([key, below]) => [key, plain(below)])) : reads;
}

const live: KubeObject = {
  ...deployment({ containers: [{ name: 'web', image: 'shop/web:1.4.2', ports: [{ containerPort: 8080 }] }] }),
  metadata: {
    name: 'web',
    namespace: 'shop',
    generation: 7,
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}' },
    managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }],
  },
  status: { replicas: 3, readyReplicas: 2, conditions: [{ type: 'Available', status: 'True' }] },
};

describe('collectReads', () => {
  it('follows field, optional and literal-index access paths', () => {
    const reads = readsOf("object.metadata.labels.app == 'web'", "has(object.spec.replicas)", "object.?status.?replicas.orValue(0) > 0", "object['kind'] == 'x'");
    expect(plain(reads.object)).toEqual({ metadata: { labels: { app: true } }, spec: { replicas: true }, status: { replicas: true }, kind: true });
    expect(reads.oldObject).toBeUndefined();
    expect(reads.changes).toBe(false);
  });

  it('reads what follows a computed index whole', () => {
    const reads = readsOf("object.metadata.labels[oldObject.kind] == 'x'");
    expect(plain(reads.object)).toEqual({ metadata: { labels: true } });
    expect(plain(reads.oldObject)).toEqual({ kind: true });
  });

  it('gives podSpec() kind and spec, allContainers() kind and the container lists', () => {
    const reads = readsOf('allContainers(oldObject).all(c, podSpec(object).size() >= 0)');
    expect(plain(reads.object)).toEqual({ kind: true, spec: true });
    const lists = { containers: true, initContainers: true, ephemeralContainers: true };
    expect(plain(reads.oldObject)).toEqual({
      kind: true,
      spec: { ...lists, template: { spec: lists }, jobTemplate: { spec: { template: { spec: lists } } } },
    });
  });

  it('reads the whole object when it is used as a value', () => {
    for (const expression of ['size(object) > 0', "'status' in object", 'object == oldObject', 'cel.bind(o, object, o.spec.x == 1)', 'object.all(k, k != "")']) {
      expect(readsOf(expression).object).toBe(true);
    }
    expect(readsOf('[object].size() == 1').object).toBe(true);
  });

  it('notes changes', () => {
    expect(readsOf('size(changes) < 3').changes).toBe(true);
  });
});

describe('toCelRoot', () => {
  it('converts the read fields as toCelObject does and leaves the rest out', () => {
    const reads = readsOf('object.spec.replicas > 0', 'object.metadata.generation > 0');
    expect(toCelRoot(live, reads.object)).toEqual({ spec: { replicas: 3n }, metadata: { generation: 7n } });
  });

  it('is toCelObject when the whole object is read, and a new object each time', () => {
    expect(toCelRoot(live, true)).toEqual(toCelObject(live));
    expect(toCelRoot(live, true)).not.toBe(toCelRoot(live, true));
    const reads = readsOf('object.spec.replicas > 0').object;
    expect(toCelRoot(live, reads)).not.toBe(toCelRoot(live, reads));
  });

  it('passes managedFields through when metadata or managedFields is read', () => {
    expect((toCelRoot(live, readsOf('size(object.metadata) > 0').object) as KubeObject).metadata?.managedFields).toBe(live.metadata?.managedFields);
    expect((toCelRoot(live, readsOf('size(object.metadata.managedFields) > 0').object) as KubeObject).metadata).toEqual({ managedFields: live.metadata?.managedFields });
  });
});

describe('allContainers() and podSpec() on a pruned object', () => {
  const containers = { containers: [{ name: 'a', image: 'a:1' }], initContainers: [{ name: 'i', image: 'i:1' }], ephemeralContainers: [{ name: 'e', image: 'e:1' }] };
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...containers, hostNetwork: true } },
    deployment({ ...containers, hostNetwork: true }),
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { ...containers, hostNetwork: true } } } } } },
  ];
  const expression = "allContainers(object).map(c, c.name) == ['a', 'i', 'e'] && podSpec(object).hostNetwork && allContainers(oldObject).size() == 3";

  it.each(objects)('$kind', (object) => {
    expect(evaluateRules(compileRules([{ expression }]), drift(object)).map((outcome) => outcome.result)).toEqual(['pass']);
  });
});

describe('classification sees every field a rule reads', () => {
  const rules = [
    { name: 'status', expression: 'object.status.replicas == 3 && object.status.readyReplicas + 1 == 3' },
    { name: 'managed', expression: "object.metadata.managedFields.exists(f, f.manager == 'kubectl')" },
    { name: 'last-applied', expression: "object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].contains('Deployment')" },
    { name: 'generation', expression: 'object.metadata.generation == 7' },
    { name: 'status-absent-in-git', expression: '!has(oldObject.status) && has(object.status)' },
    { name: 'whole', expression: "'status' in object && size(object) == 5" },
    { name: 'ports', expression: 'allContainers(object).all(c, c.ports.all(p, p.containerPort + 0 == 8080))' },
  ];

  it.each(rules)('$name', (rule) => {
    const set = compileRules([rule]);
    expect(evaluateRules(set, drift(live, deployment({ containers: [] }))).map((outcome) => outcome.result)).toEqual(['pass']);
  });

  it('all together, beside rules that read little', () => {
    const set = compileRules([...rules, { name: 'kind', expression: "object.kind == 'Deployment'" }]);
    expect(classifyDrift(set, drift(live, deployment({ containers: [] })))).toEqual({ verdict: 'compliant', violations: [] });
  });

  it('fields a rule does not read stay absent for has()', () => {
    const set = compileRules([{ expression: '!has(object.spec.paused) && !has(oldObject.status)' }]);
    expect(classifyDrift(set, drift(live, deployment({ containers: [] }))).verdict).toBe('compliant');
  });
});
