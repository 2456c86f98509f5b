import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../../src/model/index.js';
import { classifyDrift, evaluateRules } from '../../../src/policy/index.js';
import { compileRules, deployment, drift } from './helpers.js';

const web = deployment({ containers: [{ name: 'web', image: 'shop/web:1.4.2' }] });
const clusterRole: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' } };
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } };

describe('match', () => {
  it.each([
    ['no match: everything', {}, [web, clusterRole, configMap]],
    ['"" is the core group', { apiGroups: [''] }, [configMap]],
    ['apiGroups', { apiGroups: ['apps', 'rbac.authorization.k8s.io'] }, [web, clusterRole]],
    ['kinds', { kinds: ['ConfigMap', 'ClusterRole'] }, [clusterRole, configMap]],
    ['all present keys', { apiGroups: ['apps'], kinds: ['ConfigMap'] }, []],
    ['namespaces; cluster-scoped objects never match', { namespaces: ['shop'] }, [web, configMap]],
    ['"*" matches any', { kinds: ['*'], namespaces: ['*'] }, [web, configMap]],
  ])('%s', (_case, match, matching) => {
    const set = compileRules([{ expression: 'false', match }]);
    const violating = [web, clusterRole, configMap].filter((object) => classifyDrift(set, drift(object)).verdict === 'violating');
    expect(violating).toEqual(matching);
  });

  it('is compliant when no rule matches', () => {
    const set = compileRules([{ expression: 'false', match: { kinds: ['Secret'] } }]);
    expect(classifyDrift(set, drift(web))).toEqual({ verdict: 'compliant', violations: [] });
  });
});

describe('classifyDrift', () => {
  it('lists each rule that is false, with policy, rule, message and severity', () => {
    const set = compileRules([
      { name: 'ok', expression: 'true' },
      { name: 'no', expression: 'false', message: 'not allowed', severity: 'critical' },
    ]);
    expect(classifyDrift(set, drift(web))).toEqual({
      verdict: 'violating',
      violations: [{ policy: 'test', rule: 'no', message: 'not allowed', severity: 'critical' }],
    });
  });

  it.each([
    ['a missing key', 'object.spec.template.spec.securityContext.runAsUser == 0', 'evaluation failed: no such key: securityContext'],
    ['a non-bool value', 'object.spec.template', 'evaluation failed: expression yielded a map, not bool'],
    ['a bad quantity, without quoting it', 'quantity(object.metadata.name).isLessThan(quantity("1"))', 'evaluation failed: invalid quantity'],
    ['a bad duration, without quoting it', 'duration(object.metadata.name) == duration("1s")', 'evaluation failed: invalid duration string'],
    ['an index out of range', 'object.spec.template.spec.containers[3].name == "x"', 'evaluation failed: no such key: index out of bounds, index 3 >= size 1'],
  ])('fails closed on %s, saying why', (_case, expression, message) => {
    const verdict = classifyDrift(compileRules([{ name: 'r', expression }]), drift(web));
    expect(verdict).toEqual({ verdict: 'violating', violations: [{ policy: 'test', rule: 'r', message, severity: 'medium' }] });
  });

  it('judges the drift itself through changes and oldObject', () => {
    const rule = {
      expression:
        "changes.all(c, c.path == '/spec/replicas') && object.spec.replicas >= 2 && object.spec.replicas <= 10 && " +
        'object.spec.replicas > oldObject.spec.replicas',
    };
    const set = compileRules([rule]);
    const scaled = (replicas: number) => ({ ...web, spec: { ...(web.spec as object), replicas } });
    const replicas = (from: number, to: number) => [{ op: 'replace' as const, path: '/spec/replicas', baseline: from, live: to }];
    expect(classifyDrift(set, drift(scaled(5), web, replicas(3, 5))).verdict).toBe('compliant');
    expect(classifyDrift(set, drift(scaled(12), web, replicas(3, 12))).verdict).toBe('violating');
    expect(classifyDrift(set, drift(scaled(2), web, replicas(3, 2))).verdict).toBe('violating');
    const imageToo = [...replicas(3, 5), { op: 'replace' as const, path: '/spec/template/spec/containers/0/image', baseline: 'a', live: 'b' }];
    expect(classifyDrift(set, drift(scaled(5), web, imageToo)).verdict).toBe('violating');
  });

  it('reports every matching rule for policy test', () => {
    const set = compileRules([
      { name: 'a', expression: 'true' },
      { name: 'b', expression: 'false' },
      { name: 'c', expression: 'object.nope' },
      { name: 'd', expression: 'false', match: { kinds: ['Pod'] } },
    ]);
    expect(evaluateRules(set, drift(web)).map(({ rule, result, reason }) => [rule.rule, result, reason])).toEqual([
      ['a', 'pass', undefined],
      ['b', 'fail', undefined],
      ['c', 'error', 'no such key: nope'],
    ]);
  });
});

describe('inputs', () => {
  it('passes managedFields through and sees an object edited in place between classifications', () => {
    const set = compileRules([
      { name: 'fields', expression: 'object.metadata.managedFields[0].manager == "kubectl-edit"' },
      { name: 'images', expression: 'allContainers(object).all(c, !c.image.endsWith(":latest"))' },
    ]);
    const object = deployment({ containers: [{ name: 'web', image: 'shop/web:1' }] });
    object.metadata.managedFields = [{ manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:spec': {} } }];
    expect(classifyDrift(set, drift(object)).verdict).toBe('compliant');
    ((object.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]!).image = 'shop/web:latest';
    expect(classifyDrift(set, drift(object)).violations.map((v) => v.rule)).toEqual(['images']);
  });
});

describe('JSON numbers', () => {
  const object = deployment({}, { spec: { replicas: 3, ratio: 0.5, big: 1e21, template: { spec: {} } } });
  it.each([
    'object.spec.replicas <= 10',
    'object.spec.replicas == 3',
    'object.spec.replicas + 1 == 4',
    'object.spec.replicas * 2 == 6',
    'object.spec.replicas % 2 == 1',
    'type(object.spec.replicas) == int',
    'string(object.spec.replicas) == "3"',
    'object.spec.ratio == 0.5',
    'object.spec.ratio < 1',
    'type(object.spec.ratio) == double',
    'changes[0].live - changes[0].baseline == 2',
    '[1, 2, 3][object.spec.replicas - 1] == 3',
  ])('%s', (expression) => {
    const changes = [{ op: 'replace' as const, path: '/spec/replicas', baseline: 1, live: 3 }];
    expect(classifyDrift(compileRules([{ expression }]), drift(object, object, changes))).toEqual({ verdict: 'compliant', violations: [] });
  });

  it('does not change the caller’s objects', () => {
    const before = JSON.stringify(object);
    classifyDrift(compileRules([{ expression: 'object.spec.replicas == 3' }]), drift(object));
    expect(JSON.stringify(object)).toBe(before);
  });
});

describe('CEL as ValidatingAdmissionPolicy writes it', () => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop', labels: { app: 'web', Tier: 'Front' } },
    spec: {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }, { containerPort: 443 }], resources: { limits: { cpu: '500m', memory: '1Gi' } } },
        { name: 'b', image: 'b:2' },
      ],
    },
  };
  it.each([
    'has(object.metadata.labels) && !has(object.metadata.annotations)',
    'object.spec.containers.all(c, c.image.contains(":"))',
    'object.spec.containers.exists(c, c.name == "b")',
    'object.spec.containers.exists_one(c, has(c.ports))',
    'object.spec.containers.map(c, c.name) == ["a", "b"]',
    'object.spec.containers.filter(c, has(c.resources)).size() == 1',
    '"app" in object.metadata.labels && "web" in object.metadata.labels.map(k, object.metadata.labels[k])',
    'size(object.spec.containers) == 2',
    'object.metadata.name.startsWith("p") && object.metadata.name.endsWith("p")',
    'object.metadata.labels.Tier.lowerAscii() == "front" && object.metadata.labels.Tier.upperAscii() == "FRONT"',
    'object.metadata.labels.Tier.matches("^F[a-z]+$")',
    '"a,b".split(",") == ["a", "b"] && ["a", "b"].join("-") == "a-b" && " x ".trim() == "x"',
    'object.spec.containers[0].ports.map(p, p.containerPort).isSorted()',
    'object.spec.containers[0].ports.map(p, p.containerPort).sum() == 523',
    'object.spec.containers[0].ports.map(p, p.containerPort).max() == 443',
    'object.spec.containers[0].ports.map(p, p.containerPort).min() == 80',
    'object.spec.containers[0].ports.map(p, p.containerPort).indexOf(443) == 1',
    'object.spec.containers[?1].?resources.?limits.orValue({}) == {}',
    'object.spec.containers[1].?securityContext.?runAsUser.orValue(1000) == 1000',
    'cel.bind(c, object.spec.containers[0], c.name == "a")',
    'quantity(object.spec.containers[0].resources.limits.cpu).isLessThan(quantity("1"))',
    'quantity(object.spec.containers[0].resources.limits.memory) == quantity("1024Mi")',
    'quantity("1.5Gi").isGreaterThan(quantity("1536M")) && quantity("2").compareTo(quantity("2000m")) == 0',
    'isQuantity("250m") && !isQuantity("2 cores")',
    'quantity("2").asInteger() == 2 && quantity("500m").asApproximateFloat() == 0.5 && quantity("-1").sign() == -1',
    'quantity("1").add(quantity("500m")) == quantity("1.5") && quantity("1").sub(quantity("1")).isInteger()',
    'allContainers(object).size() == 2 && podSpec(object).containers[1].name == "b"',
  ])('%s', (expression) => {
    expect(classifyDrift(compileRules([{ expression }]), drift(pod))).toEqual({ verdict: 'compliant', violations: [] });
  });
});
