import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UsageError } from '../../../src/cli/command.js';
import { policyTestCommand } from '../../../src/cli/commands/policy-test.js';
import { fakeIO, policyText, removeTempTrees, tempTree } from './policy-support.js';

afterAll(removeTempTrees);

const deployment = (replicas: number, image: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  });

const scaling = policyText('scaling', [
  {
    name: 'replicas-only',
    match: { kinds: ['Deployment'] },
    expression: "changes.all(c, c.path == '/spec/replicas') && object.spec.replicas <= 10",
    message: 'only replicas may drift, up to 10',
    severity: 'low',
  },
  { name: 'other-kinds', match: { kinds: ['Service'] }, expression: 'false' },
  { name: 'broken', match: { kinds: ['Deployment'] }, expression: 'object.spec.paused' },
]);

let root = '';
beforeAll(async () => {
  root = await tempTree({
    'policies/scaling.yaml': scaling,
    'git.yaml': `# as Git has it\n${deployment(3, 'shop/web:1.0')}\n`,
    'scaled.json': deployment(5, 'shop/web:1.0'),
    'retagged.yaml': deployment(3, 'shop/web:latest'),
    'two.yaml': `${deployment(3, 'a:1')}\n---\n${deployment(3, 'a:1')}\n`,
    'not-an-object.yaml': 'hello: world\n',
  });
});

describe('driftback policy test', () => {
  it('prints each matching rule and the verdict as a table; exit 1 when violating', async () => {
    const io = fakeIO(root);
    expect(await policyTestCommand(['--policy', 'policies', '--live', 'scaled.json', '--git', 'git.yaml'], io)).toBe(1);
    expect(io.out()).toBe(
      [
        'Deployment shop/web: 1 change',
        '  replace /spec/replicas',
        'POLICY   RULE           RESULT  SEVERITY  MESSAGE',
        'scaling  replicas-only  pass    low',
        'scaling  broken         error   medium    evaluation failed: no such key: paused',
        'verdict: violating (1 violation)',
        '',
      ].join('\n'),
    );
    expect(io.err()).toBe('');
  });

  it('writes JSON without change values', async () => {
    const io = fakeIO(root);
    const argv = ['--policy', 'policies/scaling.yaml', '--policy', 'builtin:hardening', '--live', 'retagged.yaml', '--git', 'git.yaml', '--output', 'json'];
    expect(await policyTestCommand(argv, io)).toBe(1);
    const result = JSON.parse(io.out());
    expect(result.object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(result.changes).toEqual([{ op: 'replace', path: '/spec/template/spec/containers/0/image' }]);
    expect(io.out()).not.toContain('latest"');
    expect(result.verdict).toBe('violating');
    expect(result.results).toContainEqual({
      policy: 'scaling',
      rule: 'replicas-only',
      result: 'fail',
      severity: 'low',
      message: 'only replicas may drift, up to 10',
    });
    expect(result.results).toContainEqual(
      expect.objectContaining({ policy: 'hardening', rule: 'unpinned-images', result: 'fail', severity: 'medium', reference: expect.stringContaining('NSA/CISA') }),
    );
    expect(result.results).toContainEqual({ policy: 'hardening', rule: 'privileged-containers', result: 'pass', severity: 'critical', reference: expect.any(String) });
    expect(result.violations.map((v: { rule: string }) => v.rule)).toEqual(['replicas-only', 'broken', 'unpinned-images']);
  });

  it('exits 0 when compliant, and says when there is no drift', async () => {
    const io = fakeIO(root);
    const policy = await tempTree({ 'p.yaml': policyText('p', [{ name: 'r', expression: 'true' }]) });
    expect(await policyTestCommand(['--policy', `${policy}/p.yaml`, '--live', 'git.yaml', '--git', 'git.yaml'], io)).toBe(0);
    expect(io.out()).toBe(
      ['Deployment shop/web: no drift (a scan gives no verdict)', 'POLICY  RULE  RESULT  SEVERITY  MESSAGE', 'p       r     pass    medium', 'verdict: compliant', ''].join('\n'),
    );
  });

  it.each([
    [['--policy', 'missing', '--live', 'scaled.json', '--git', 'git.yaml'], 'driftback: missing: cannot read: no such file or directory\n'],
    [['--policy', 'policies', '--live', 'two.yaml', '--git', 'git.yaml'], 'driftback: two.yaml: expected one object, found 2 documents\n'],
    [['--policy', 'policies', '--live', 'scaled.json', '--git', 'not-an-object.yaml'], 'driftback: not-an-object.yaml: not a Kubernetes object (apiVersion, kind and metadata.name are required)\n'],
    [['--policy', 'policies', '--live', 'nope.yaml', '--git', 'git.yaml'], 'driftback: nope.yaml: cannot read: no such file or directory\n'],
  ])('exits 2 with one line when it cannot run: %j', async (argv, message) => {
    const io = fakeIO(root);
    expect(await policyTestCommand(argv, io)).toBe(2);
    expect(io.err()).toBe(message);
    expect(io.out()).toBe('');
  });

  it.each([
    [['--live', 'a', '--git', 'b'], /needs --policy/],
    [['--policy', 'p', '--live', 'a'], /needs --policy/],
    [['--policy', 'p', '--live', 'a', '--git', 'b', '--output', 'sarif'], /--output must be one of table, json/],
    [['--policy', 'p', '--live', 'a', '--git', 'b', '--verbose'], /unknown option '--verbose'/i],
    [['--policy', 'p', 'extra'], /positional/i],
  ])('refuses %j as a usage error', async (argv, message) => {
    await expect(policyTestCommand(argv, fakeIO(root))).rejects.toThrow(UsageError);
    await expect(policyTestCommand(argv, fakeIO(root))).rejects.toThrow(message);
  });
});
